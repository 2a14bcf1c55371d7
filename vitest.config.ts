import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Each test file gets its own Postgres schema (lib/db/testing/file-setup.ts). Files run in
// parallel: on a real PostgreSQL (TEST_DATABASE_URL) all workers share one database; embedded,
// each worker has a PGlite server of its own in its own thread (lib/db/testing/global-setup.ts),
// because a PGlite server is a single Postgres session shared by all its connections (session
// settings, unnamed statements and portals are common to all; an open transaction stalls
// everyone) that executes one query at a time. Two embedded workers: one per core of the CI
// machines, each worker's JavaScript and its server's queries taking turns on it.
const realPostgres = Boolean(process.env.TEST_DATABASE_URL);
const EMBEDDED_WORKERS = 2;

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
    maxWorkers: realPostgres ? undefined : EMBEDDED_WORKERS,
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
