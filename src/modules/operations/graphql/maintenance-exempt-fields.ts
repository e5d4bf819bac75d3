/**
 * Root fields that still answer in maintenance mode: those needed to see it and to turn
 * it off, plus introspection so tools keep working. A root `__typename` is neutral.
 */
export const MAINTENANCE_EXEMPT_FIELDS: ReadonlySet<string> = new Set([
  'serviceContext',
  'setMaintenanceMode',
  '__schema',
  '__type',
]);
