import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Each test file gets its own Postgres schema (lib/db/testing/file-setup.ts) on ONE server per run
// (lib/db/testing/global-setup.ts). Files run in parallel on a real PostgreSQL
// (TEST_DATABASE_URL); on the embedded PGlite server they run one at a time, because that server
// is a single Postgres session shared by all connections (session settings, unnamed statements and
// portals are common to all; an open transaction stalls everyone) and executes one query at a time
// anyway, so parallel files would gain nothing and could interfere.
const realPostgres = Boolean(process.env.TEST_DATABASE_URL);

export default defineConfig({
  resolve: {
    // same mapping as tsconfig.json's "@/*": ["./*"]
    alias: [{ find: /^@\//, replacement: `${path.resolve(import.meta.dirname)}/` }],
  },
  test: {
    environment: 'node',
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['**/node_modules/**', '**/.next/**', 'e2e/**', '.data/**', '**/.data-*/**'],
    globalSetup: ['lib/db/testing/global-setup.ts'],
    setupFiles: ['lib/db/testing/file-setup.ts'],
    fileParallelism: realPostgres,
    hookTimeout: 60_000,
    testTimeout: 30_000,
    // Fixed, test-only values: the issuer tests assert on, and a key so no secret file is written.
    env: {
      AUTH_SERVER_URL: 'http://localhost:3999',
      SECRET_KEY: 'test-only-secret-key-0123456789abcdef0123456789abcdef',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
