import { inject, injectable } from 'inversify';
import type { DomainError } from '#shared/domain/domain-error.js';
import { ok, type Result } from '#shared/domain/result.js';
import { Role } from '../../domain/role.js';
import type { UserView } from '../queries/user.view.js';
import { toUserView } from '../queries/user.view.js';
import { AccountRegistrar } from '../services/account-registrar.js';

export interface CreateAdminCommand {
  readonly email: string;
  readonly password: string;
  readonly displayName: string;
}

/** An administrator account, for operators (the CLI); it starts no session. */
@injectable()
export class CreateAdminHandler {
  constructor(@inject(AccountRegistrar) private readonly registrar: AccountRegistrar) {}

  async execute(command: CreateAdminCommand): Promise<Result<UserView, DomainError[]>> {
    const user = await this.registrar.register({ ...command, role: Role.Admin });
    return user.ok ? ok(toUserView(user.value)) : user;
  }
}
