import { defineConfig } from 'drizzle-kit';

// Table definitions live in each module's infrastructure (and the shared outbox's); migrations are generated from
// them into drizzle/ and applied by the server at start (see src/shared/infrastructure).
export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './src/modules/*/infrastructure/*.tables.ts',
    './src/shared/infrastructure/*/*.tables.ts',
  ],
  out: './drizzle',
  migrations: { schema: 'drizzle', table: '__drizzle_migrations' },
  strict: true,
  verbose: true,
});
