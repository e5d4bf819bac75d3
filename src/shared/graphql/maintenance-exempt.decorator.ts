import { Extensions } from 'type-graphql';

/** The field extension the maintenance gate reads. */
export const MAINTENANCE_EXEMPT = 'maintenanceExempt';

/**
 * A root field that keeps answering in maintenance mode: one needed to see the mode or to
 * end it. Declared by the field's own module; the operations module only reads it.
 */
export const MaintenanceExempt = () => Extensions({ [MAINTENANCE_EXEMPT]: true });
