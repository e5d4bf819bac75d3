/** The drizzle `Database` that repositories receive. */
export const DATABASE = Symbol('shared.Database');
