import { registerEnumType } from 'type-graphql';

/**
 * Every code a userError can carry, filled by the modules (`registerUserErrorCodes`) before
 * the schema is built, so clients get one enum to switch on and each module keeps its codes.
 */
export const UserErrorCodeEnum: Record<string, string> = {};
const descriptions: Record<string, { description: string }> = {};

registerEnumType(UserErrorCodeEnum, {
  name: 'UserErrorCode',
  description: 'Why a mutation failed, stable for clients to branch on.',
  valuesConfig: descriptions,
});

/** Adds a module's userError codes, each with what it means for the client. */
export function registerUserErrorCodes(codes: Readonly<Record<string, string>>): void {
  for (const [code, description] of Object.entries(codes)) {
    UserErrorCodeEnum[code] = code;
    descriptions[code] = { description };
  }
}
