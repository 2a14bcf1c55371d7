// Vitest globalSetup: the database servers of a test run (each file then gets its own schema, see
// file-setup.ts).
//   TEST_DATABASE_URL set   -> a real PostgreSQL: create database tessera_test_<random>, drop it at the end;
//                              every worker uses it
//   otherwise               -> one in-memory PGlite per Vitest worker, each on an ephemeral
//                              127.0.0.1 port in a thread of its own (creating a PGlite cluster
//                              costs seconds: once per worker and run, not per file)
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

export interface TestDatabase {
  /** URL of the run's database (schemas are created per file inside it); embedded: the first server's. */
  url: string;
  /**
   * embedded: one server per Vitest worker, index = VITEST_POOL_ID - 1. A PGlite server is a single
   * Postgres session, so a worker's files (one at a time) must have it to themselves.
   */
  workerUrls: string[];
  /** 'postgres' (TEST_DATABASE_URL) or 'embedded' (PGlite). */
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

function startEmbeddedServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const thread = new Worker(fileURLToPath(new URL('./embedded-server-thread.mjs', import.meta.url)));
  return new Promise((resolve, reject) => {
    thread.once('error', reject);
    thread.once('message', ({ url }: { url: string }) => {
      const stop = async () => {
        const stopped = new Promise((done) => thread.once('message', done));
        thread.postMessage('stop');
        await stopped;
        await thread.terminate();
      };
      resolve({ url, stop });
    });
  });
}

export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const database = await createPostgresDatabase(adminUrl);
    project.provide('testDatabase', { url: database.url, workerUrls: [], kind: 'postgres' });
    return database.drop;
  }
  const servers = await Promise.all(Array.from({ length: Math.max(1, project.config.maxWorkers) }, startEmbeddedServer));
  project.provide('testDatabase', { url: servers[0]!.url, workerUrls: servers.map((server) => server.url), kind: 'embedded' });
  return async () => {
    await Promise.all(servers.map((server) => server.stop()));
  };
}
