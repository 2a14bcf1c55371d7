// Vitest setupFiles entry: runs in each test file's worker before the file is imported.
// Gives the file a fresh schema t_<random> in the run's database (global-setup.ts; embedded: the
// server of this worker), with every migration applied, points DATABASE_URL / DATABASE_SCHEMA /
// DATABASE_POOL_MAX at it (lib/db reads them on first use), and drops it after the file.
import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import pg from 'pg';
import { quoteIdent, readMigrations } from '../../../scripts/prisma-wasm.mjs';

const provided = inject('testDatabase');
// VITEST_POOL_ID is 1…maxWorkers, and a worker runs one file at a time
const workerIndex = (Number(process.env.VITEST_POOL_ID ?? '1') - 1) % Math.max(1, provided.workerUrls.length);
const database = { kind: provided.kind, url: provided.kind === 'embedded' ? provided.workerUrls[workerIndex]! : provided.url };
const schema = `t_${randomBytes(6).toString('hex')}`;

/**
 * Applies the migration SQL directly (no schema engine, no _prisma_migrations: ~10× faster than
 * an engine deploy per file). The SQL is unqualified, so it lands in the search_path; any
 * `"public".` qualifiers are rewritten by readMigrations({ schema }).
 */
async function createSchema(): Promise<number> {
  const started = performance.now();
  const { migrationDirectories } = await readMigrations({ schema });
  const scripts = migrationDirectories.map((m) => {
    if (m.migrationFile.content.tag !== 'ok') throw new Error(`${m.path}: ${m.migrationFile.content.value}`);
    return m.migrationFile.content.value;
  });
  await withClient((client) =>
    // One simple-protocol query = one implicit transaction: all or nothing.
    client.query([`CREATE SCHEMA ${quoteIdent(schema)}`, `SET search_path TO ${quoteIdent(schema)}`, ...scripts].join(';\n')),
  );
  return performance.now() - started;
}

async function withClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const setupMs = await createSchema();
if (process.env.TEST_DB_TIMING) console.error(`[test-db] ${database.kind}: schema ${schema} ready in ${setupMs.toFixed(0)} ms`);

process.env.DATABASE_URL = database.url;
process.env.DATABASE_SCHEMA = schema;
// embedded: the PGlite server is ONE Postgres session, a client must use one connection
process.env.DATABASE_POOL_MAX = database.kind === 'embedded' ? '1' : '4';

afterAll(async () => {
  // lib/db keeps its client on globalThis outside production: close it if the file opened it
  const cached = (globalThis as { __tesseraDb?: { client: { $disconnect(): Promise<void> } } }).__tesseraDb;
  delete (globalThis as { __tesseraDb?: unknown }).__tesseraDb;
  await cached?.client.$disconnect();
  await withClient(async (client) => {
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    // PGlite: the search_path is that of the one shared session; leave it as found
    if (database.kind === 'embedded') await client.query('SET search_path TO public');
  });
});
