// Vitest globalSetup: ONE database server per test run, shared by every test file (each file
// then gets its own schema, see file-setup.ts).
//   TEST_DATABASE_URL set   -> a real PostgreSQL: create database tessera_test_<random>, drop it at the end
//   otherwise               -> one in-memory PGlite served on an ephemeral 127.0.0.1 port
//                              (creating a PGlite cluster costs seconds: once per run, not per file)
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startMemoryDb } from '../../../scripts/embedded-db.mjs';

export interface TestDatabase {
  /** URL of the run's database (schemas are created per file inside it). */
  url: string;
  /** 'postgres' (TEST_DATABASE_URL) or 'embedded' (PGlite: one shared session, files run one at a time). */
  kind: 'postgres' | 'embedded';
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabase;
  }
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function createPostgresDatabase(adminUrl: string) {
  const name = `tessera_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE (PG 13+): a crashed worker must not leave the database behind
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const database = await createPostgresDatabase(adminUrl);
    project.provide('testDatabase', { url: database.url, kind: 'postgres' });
    return database.drop;
  }
  const server = await startMemoryDb();
  project.provide('testDatabase', { url: server.url, kind: 'embedded' });
  return server.stop;
}
