// `npm run release` and the CLI on a brand-new database, run as separate processes the way a
// deployer runs them, against throwaway PostgreSQL databases (and one brand-new embedded one).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery, asRole, createThrowawayDatabase, type ThrowawayDatabase } from '@/lib/testing/postgres';
import { freePort, hasStackTrace, lastJson, runCli } from './testing';

const secret = randomBytes(32).toString('hex');
const prod = { ENVIRONMENT: 'prod', SECRET_KEY: secret, AUTH_SERVER_URL: 'https://auth.example.test' };
let fresh: ThrowawayDatabase;
const role = `tessera_app_${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  fresh = await createThrowawayDatabase('release');
});

afterAll(async () => {
  await fresh.drop();
  await adminQuery(fresh.adminUrl, `DROP ROLE IF EXISTS ${role}`);
});

describe('npm run release', () => {
  it('refuses production without DATABASE_URL, naming the variable (never the embedded database)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-release-'));
    try {
      const run = await runCli(['release'], { ...prod, DATA_DIR: dataDir });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/DATABASE_URL: required when ENVIRONMENT=prod/);
      expect(hasStackTrace(run.stderr + run.stdout)).toBe(false);
      // nothing was created in DATA_DIR: the embedded server never started
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('stops a data command on a brand-new PostgreSQL database with one line naming db migrate', async () => {
    const run = await runCli(['app', 'create', '--name', 'Web', '--type', 'spa', '--redirect-uri', 'https://web.example.test/cb'], { DATABASE_URL: fresh.url, SECRET_KEY: secret });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('Error: the database has no Tessera tables yet: run `npm run cli -- db migrate` (or `npm run release`, which also seeds) first.');
    expect(run.stdout).toBe('');
  });

  it('checks, migrates over DIRECT_DATABASE_URL and seeds; a second release changes nothing', { timeout: 120_000 }, async () => {
    // The app's own role may read and write rows but not create tables (as behind a pooler with a
    // restricted user): the migrations can only succeed over DIRECT_DATABASE_URL.
    await adminQuery(fresh.adminUrl, `CREATE ROLE ${role} LOGIN`);
    await adminQuery(fresh.url, `REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await adminQuery(fresh.url, `GRANT USAGE ON SCHEMA public TO ${role}`);
    await adminQuery(fresh.url, `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`);
    // the events outbox numbers its rows from a sequence: a role without USAGE on it cannot write any change
    await adminQuery(fresh.url, `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${role}`);
    const env = { ...prod, DATABASE_URL: asRole(fresh.url, role), DIRECT_DATABASE_URL: fresh.url };

    const first = await runCli(['release'], env);
    expect(first.code, first.stderr).toBe(0);
    const steps = first.stderr.split('\n').filter((line) => /^\[release\] \d\/4 \w+: /.test(line));
    expect(steps.map((line) => line.replace(/ — .*/, ''))).toEqual([
      '[release] 1/4 configuration: ok',
      '[release] 2/4 database: ok',
      '[release] 3/4 migrations: ok',
      '[release] 4/4 seed: ok',
    ]);
    expect(steps[2]).toMatch(/applied \d+ over DIRECT_DATABASE_URL/);
    expect(first.stderr).toMatch(/Password: {3}[A-Za-z0-9_-]{24} {3}\(shown once/);
    expect(first.stdout).toMatch(/^Release done in/);

    const tables = await adminQuery<{ owner: string }>(fresh.url, `SELECT tableowner AS owner FROM pg_tables WHERE tablename = 'users'`);
    expect(tables).toEqual([{ owner: 'postgres' }]);
    const admins = await adminQuery(fresh.url, `SELECT u.email FROM users u JOIN user_roles ur ON ur."userId" = u.id JOIN roles r ON r.id = ur."roleId" WHERE r.name = 'super_admin'`);
    expect(admins).toEqual([{ email: 'admin@localhost' }]);

    const second = await runCli(['release', '--json'], env);
    expect(second.code, second.stderr).toBe(0);
    const result = lastJson(second) as { ok: boolean; steps: { name: string; detail: string }[]; seed: { adminPassword?: string } };
    expect(result.ok).toBe(true);
    expect(result.steps.find((step) => step.name === 'migrations')?.detail).toBe('up to date (over DIRECT_DATABASE_URL)');
    expect(result.seed.adminPassword).toBeUndefined();
    expect(second.stderr).not.toMatch(/shown once/);
    expect(await adminQuery(fresh.url, `SELECT count(*)::int AS n FROM users`)).toEqual([{ n: 1 }]);

    // the cleanup job, as cron on a bare host runs it: progress on stderr, the report on stdout
    await adminQuery(fresh.url, `INSERT INTO passkey_challenges (id, challenge, purpose, "expiresAt") SELECT gen_random_uuid(), md5(random()::text), 'authentication', now() - interval '1 hour' FROM generate_series(1, 5)`);
    const cleanup = await runCli(['cleanup', '--batch-size', '2'], { ...prod, DATABASE_URL: env.DATABASE_URL });
    expect(cleanup.code, cleanup.stderr).toBe(0);
    expect(cleanup.stderr).toMatch(/^\[cleanup\] expired passkey challenges: 5 deleted$/m);
    expect(cleanup.stdout).toMatch(/^Cleanup done in [\d.]+ s: 5 row\(s\) deleted\.$/m);

    // and the data commands now work with the app's restricted role
    const app = await runCli(['app', 'create', '--name', 'Web', '--type', 'spa', '--redirect-uri', 'https://web.example.test/cb', '--json'], { ...prod, DATABASE_URL: env.DATABASE_URL });
    expect(app.code, app.stderr).toBe(0);
    expect(lastJson(app).clientId).toBeTruthy();
  });

  it('fails with the step and the reason: an unreachable database, an http issuer, a short SECRET_KEY', async () => {
    const unreachable = await runCli(['release'], { ...prod, DATABASE_URL: 'postgresql://postgres@127.0.0.1:9/tessera' });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/\[release\] 2\/4 database: FAILED — 127\.0\.0\.1:9\/tessera: connect ECONNREFUSED 127\.0\.0\.1:9/);
    expect(unreachable.stdout.trim()).toBe('Release failed at "database": 127.0.0.1:9/tessera: connect ECONNREFUSED 127.0.0.1:9');
    expect(unreachable.stderr).not.toMatch(/3\/4/);

    const http = await runCli(['release'], { ...prod, AUTH_SERVER_URL: 'http://auth.example.test', DATABASE_URL: fresh.url });
    expect(http.code).toBe(1);
    expect(http.stdout.trim()).toBe('Release failed at "configuration": AUTH_SERVER_URL: must use https when ENVIRONMENT=prod');

    const shortKey = await runCli(['release', '--json'], { ...prod, SECRET_KEY: 'short', DATABASE_URL: fresh.url });
    expect(shortKey.code).toBe(1);
    expect(lastJson(shortKey)).toMatchObject({ error: 'release_failed', step: 'configuration', message: expect.stringMatching(/SECRET_KEY: must be at least 32 characters/) });
    for (const run of [unreachable, http, shortKey]) expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
  });

  it('migrates and seeds a brand-new embedded database before a data command', { timeout: 120_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-cli-new-'));
    try {
      const run = await runCli(['app', 'create', '--name', 'Web', '--type', 'spa', '--redirect-uri', 'https://web.example.test/cb', '--json'], {
        DATA_DIR: dataDir,
        EMBEDDED_DB_PORT: String(await freePort()),
        SECRET_KEY: secret,
      });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/the embedded database is missing \d+ migration\(s\): applying them and seeding first/);
      expect(run.stderr).toMatch(/Admin: {6}admin@localhost/);
      expect(lastJson(run).clientId).toBeTruthy();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
