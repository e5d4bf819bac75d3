declare module 'vitest' {
  export interface ProvidedContext {
    /** A tarball of a migrated PGlite data directory. */
    pgliteTemplate: string;
    /** Set when TEST_DATABASE_URL is: the migrated template database to clone per file. */
    postgresTemplate: { adminUrl: string; database: string } | null;
  }
}

export {};
