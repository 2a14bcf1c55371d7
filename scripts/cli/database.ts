// What the CLI checks before a command that reads or writes data: the database answers and
// carries every migration of prisma/migrations. A brand-new embedded database is migrated and
// seeded on the spot (as `npm start` would); a PostgreSQL one is not (migrations are a deploy
// step): the command stops with one line naming `db migrate`.
import fs from 'node:fs';
import path from 'node:path';
import { db } from '@/lib/db';
import { isSchemaMissing } from '@/lib/db/errors';
import { seed, type SeedReport } from '@/lib/seed';
import { seedBanner } from '@/lib/seed/banner';

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../prisma/migrations');

/** Migration directory names of this checkout, oldest first. */
export function migrationNames(): string[] {
  return fs
    .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(MIGRATIONS_DIR, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort();
}

/** Migrations of this checkout the database has not applied (all of them on a brand-new database). */
export async function pendingMigrations(): Promise<string[]> {
  let applied: Set<string>;
  try {
    const rows = await db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    applied = new Set(rows.map((row) => row.migration_name));
  } catch (error) {
    if (!isSchemaMissing(error)) throw error;
    applied = new Set();
  }
  return migrationNames().filter((name) => !applied.has(name));
}

export class SchemaNotReadyError extends Error {
  override name = 'SchemaNotReadyError';
}

/** The message of a PostgreSQL database that lacks migrations. */
export function schemaNotReadyMessage(pending: readonly string[], total: number): string {
  const what = pending.length === total ? 'the database has no Tessera tables yet' : `${pending.length} migration(s) are not applied yet (${pending.at(-1)})`;
  return `${what}: run \`npm run cli -- db migrate\` (or \`npm run release\`, which also seeds) first.`;
}

/**
 * Makes sure the schema is current before a data command. Embedded database: applies what is
 * missing and seeds, reporting on stderr (stdout stays the command's own output); PostgreSQL:
 * throws SchemaNotReadyError.
 */
export async function prepareDatabase(log: (line: string) => void = (line) => console.error(line)): Promise<SeedReport | null> {
  const pending = await pendingMigrations();
  if (pending.length === 0) return null;
  if (process.env.TESSERA_EMBEDDED_DATABASE !== '1') throw new SchemaNotReadyError(schemaNotReadyMessage(pending, migrationNames().length));
  log(`[cli] the embedded database is missing ${pending.length} migration(s): applying them and seeding first`);
  const { deploy } = await import('../prisma-wasm.mjs');
  await deploy({ url: process.env.DATABASE_URL! });
  const report = await seed();
  log(seedBanner(report));
  return report;
}
