import { inject, injectable } from 'inversify';
import {
  TRANSACTION_RUNNER,
  type TransactionRunner,
} from '#shared/application/transaction-runner.js';
import type { DomainError } from '#shared/domain/domain-error.js';
import { err, ok, type Result } from '#shared/domain/result.js';
import { Role } from '../../domain/role.js';
import type { AuthView } from '../queries/auth.view.js';
import { AccountRegistrar } from '../services/account-registrar.js';
import { SessionStarter } from '../services/session-starter.js';

export interface RegisterUserCommand {
  readonly email: string;
  readonly password: string;
  readonly displayName: string;
}

/** Creates an account and signs it in; every invalid field is reported at once. */
@injectable()
export class RegisterUserHandler {
  constructor(
    @inject(AccountRegistrar) private readonly registrar: AccountRegistrar,
    @inject(SessionStarter) private readonly sessions: SessionStarter,
    @inject(TRANSACTION_RUNNER) private readonly transaction: TransactionRunner,
  ) {}

  execute(command: RegisterUserCommand): Promise<Result<AuthView, DomainError[]>> {
    return this.transaction.run(async () => {
      const user = await this.registrar.register({ ...command, role: Role.User });
      return user.ok ? ok(await this.sessions.start(user.value)) : err(user.error);
    });
  }
}
