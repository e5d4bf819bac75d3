import { inject, injectable } from 'inversify';
import { EVENT_PUBLISHER, type EventPublisher } from '#shared/application/domain-events.js';
import {
  TRANSACTION_RUNNER,
  type TransactionRunner,
} from '#shared/application/transaction-runner.js';
import type { SessionsRevoked } from '../../domain/identity.events.js';
import { SESSION_REPOSITORY, type SessionRepository } from '../ports/session.repository.js';

/**
 * Ends sign-ins and records that it did, in one transaction: every replica learns of it
 * from the outbox and closes the live connections those sign-ins hold (ADR 31).
 */
@injectable()
export class SessionRevoker {
  constructor(
    @inject(SESSION_REPOSITORY) private readonly sessions: SessionRepository,
    @inject(EVENT_PUBLISHER) private readonly events: EventPublisher,
    @inject(TRANSACTION_RUNNER) private readonly transaction: TransactionRunner,
  ) {}

  revokeFamily(userId: string, familyId: string, at: Date): Promise<void> {
    return this.transaction.run(async () => {
      await this.sessions.revokeFamily(familyId, at);
      await this.record({ type: 'SessionsRevoked', userId, familyId, at });
    });
  }

  /** Resolves to how many sessions were still open. */
  revokeAll(userId: string, at: Date): Promise<number> {
    return this.transaction.run(async () => {
      const open = await this.sessions.revokeAllOfUser(userId, at);
      await this.record({ type: 'SessionsRevoked', userId, familyId: null, at });
      return open;
    });
  }

  private record(event: SessionsRevoked): Promise<void> {
    return this.events.publish([event], event.userId);
  }
}
