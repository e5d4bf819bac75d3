import { randomBytes } from 'node:crypto';
import type { Container } from 'inversify';
import { IDENTITY_SETTINGS, type IdentitySettings } from '#modules/identity/application/index.js';
import { ACCESS_TOKENS } from '#modules/identity/application/ports/access-tokens.js';
import { PASSWORD_HASHER } from '#modules/identity/application/ports/password-hasher.js';
import { Argon2PasswordHasher } from '#modules/identity/infrastructure/argon2-password-hasher.js';
import { JoseAccessTokens } from '#modules/identity/infrastructure/jose-access-tokens.js';
import { CLOCK, type Clock } from '#shared/application/clock.js';
import type { Config } from '#shared/infrastructure/config/config.js';
import type { Logger } from '#shared/infrastructure/logger.js';

const DAY_MS = 86_400_000;

/** Identity's adapters that take configuration: token keys, hashing cost, lifetimes. */
export function bindIdentityAdapters(container: Container, config: Config, logger: Logger): void {
  container.bind<IdentitySettings>(IDENTITY_SETTINGS).toConstantValue({
    sessions: {
      absoluteMs: config.sessionTtlDays * DAY_MS,
      idleMs: config.sessionIdleDays * DAY_MS,
    },
    login: { maxFailures: 10, windowMs: 15 * 60_000 },
  });
  container.bind(PASSWORD_HASHER).toConstantValue(
    new Argon2PasswordHasher({
      memoryCost: config.argon2MemoryKib,
      timeCost: config.argon2TimeCost,
      parallelism: 1,
    }),
  );
  const secret = config.jwtSecret ?? randomBytes(32).toString('base64url');
  if (!config.jwtSecret) {
    logger.warn('JWT_SECRET is not set: access tokens use a key made at start and end with it');
  }
  container.bind(ACCESS_TOKENS).toDynamicValue(
    (context) =>
      new JoseAccessTokens(
        {
          secret,
          issuer: config.jwtIssuer,
          audience: config.jwtAudience,
          ttlSeconds: config.accessTokenTtlSeconds,
        },
        context.get<Clock>(CLOCK),
      ),
  );
}
