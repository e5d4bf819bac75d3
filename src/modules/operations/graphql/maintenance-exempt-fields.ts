/**
 * Root fields that still answer in maintenance mode: those needed to see it and to turn
 * it off, plus introspection so tools keep working. A root `__typename` is neutral.
 */
export const MAINTENANCE_EXEMPT_FIELDS: ReadonlySet<string> = new Set([
  'serviceContext',
  'setMaintenanceMode',
  // An admin must be able to sign in to turn maintenance off.
  'login',
  'refreshSession',
  '__schema',
  '__type',
]);
