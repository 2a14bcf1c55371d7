// A throwaway PostgreSQL database for tests that need a whole database of their own (release,
// brand-new-database behaviour, several server processes): on the run's server (TEST_DATABASE_URL),
// else the machine's own PostgreSQL on loopback (every developer and CI machine runs one).
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const LOCAL_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export interface ThrowawayDatabase {
  /** Connection string of the new, empty database. */
  url: string;
  name: string;
  /** The server's maintenance URL (CREATE / DROP DATABASE, roles). */
  adminUrl: string;
  drop(): Promise<void>;
}

/** Creates tessera_<prefix>_<random> (empty: no schema); drop() removes it, connections and all. */
export async function createThrowawayDatabase(prefix: string): Promise<ThrowawayDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL || LOCAL_POSTGRES_URL;
  const name = `tessera_${prefix}_${randomBytes(5).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    adminUrl,
    drop: async () => {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** The same database reached as another role (trust authentication on the test servers). */
export function asRole(url: string, role: string): string {
  const parsed = new URL(url);
  parsed.username = role;
  parsed.password = '';
  return parsed.toString();
}
