import type { DisplayName } from './display-name.js';
import type { Email } from './email.js';
import { Role } from './role.js';

export interface UserProps {
  readonly id: string;
  readonly email: Email;
  readonly displayName: DisplayName;
  readonly passwordHash: string;
  readonly role: Role;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export class User {
  private constructor(private readonly props: UserProps) {}

  static register(input: {
    id: string;
    email: Email;
    displayName: DisplayName;
    passwordHash: string;
    role?: Role;
    at: Date;
  }): User {
    return new User({
      id: input.id,
      email: input.email,
      displayName: input.displayName,
      passwordHash: input.passwordHash,
      role: input.role ?? Role.User,
      createdAt: input.at,
      updatedAt: input.at,
    });
  }

  static restore(props: UserProps): User {
    return new User(props);
  }

  get id() {
    return this.props.id;
  }
  get email() {
    return this.props.email;
  }
  get displayName() {
    return this.props.displayName;
  }
  get passwordHash() {
    return this.props.passwordHash;
  }
  get role() {
    return this.props.role;
  }
  get createdAt() {
    return this.props.createdAt;
  }
  get updatedAt() {
    return this.props.updatedAt;
  }

  /** A stronger hash of the same password (the hashing parameters went up). */
  withPasswordHash(passwordHash: string, at: Date): User {
    return new User({ ...this.props, passwordHash, updatedAt: at });
  }
}
