/**
 * The pool's drizzle `Database`. Repositories do not take it: they inject `DatabaseContext`,
 * which hands them the open transaction when there is one, and this otherwise.
 */
export const DATABASE = Symbol('shared.Database');
