import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const strata = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: {
    // The typed documents Strata generates from schema/operations with codegen's client
    // preset: the app imports them as they are, so it always speaks the current schema.
    alias: { '@strata/operations': `${strata}schema/generated/graphql.ts` },
  },
  server: { port: 5173, strictPort: true, fs: { allow: [strata] } },
  preview: { port: 4173, strictPort: true },
});
