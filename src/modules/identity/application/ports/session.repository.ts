import type { Session } from '../../domain/session.js';
import type { UserView } from '../queries/user.view.js';

export interface SessionRepository {
  add(session: Session): Promise<void>;
  findById(id: string): Promise<Session | null>;
  /** The session and the user it belongs to, in one read: every signed-in request asks. */
  findWithUser(id: string): Promise<{ session: Session; user: UserView } | null>;
  /** Marks the session rotated if nobody did first; false means another request won. */
  markRotated(id: string, at: Date): Promise<boolean>;
  revokeFamily(familyId: string, at: Date): Promise<void>;
  /** Ends every session of the user; resolves to how many were still open. */
  revokeAllOfUser(userId: string, at: Date): Promise<number>;
  /** Housekeeping: deletes sessions whose absolute lifetime ended before `now`; how many. */
  purgeExpired(now: Date): Promise<number>;
}

export const SESSION_REPOSITORY = Symbol('identity.SessionRepository');
