// The deployer's CLI, run as a deployer runs it: separate processes through scripts/with-db.mjs
// against a database of its own (a fresh embedded data directory, or a fresh PostgreSQL database
// when the suite runs on PostgreSQL). Successive processes sharing that database also prove that
// a restart keeps users, apps and the signing key.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const database = inject('testDatabase');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-cli-'));
let databaseUrl: string | undefined;
let adminUrl: string | undefined;
const dbName = `tessera_cli_${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  if (database.kind === 'embedded') return;
  adminUrl = database.url;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${dbName}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  databaseUrl = url.toString();
});

afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (!adminUrl) return;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await client.end();
});

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The suite's own database settings must not leak into the CLI: it picks its database itself. */
function cliEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    EMBEDDED_DB_PORT: String(56000 + (process.pid % 1000)),
    ...env,
  };
  delete childEnv.DATABASE_SCHEMA;
  delete childEnv.DATABASE_POOL_MAX;
  if (databaseUrl) childEnv.DATABASE_URL = databaseUrl;
  else delete childEnv.DATABASE_URL;
  return childEnv;
}

async function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['scripts/with-db.mjs', '--migrate', path.join(ROOT, 'node_modules/.bin/tsx'), 'scripts/cli.ts', ...args], {
      cwd: ROOT,
      env: cliEnv(env),
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const json = (result: CliResult) => JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;

/**
 * The CLI database's audit rows, oldest first, read the way the CLI reaches it (with-db: the
 * embedded data directory only opens while a process serves it).
 */
async function auditEvents(): Promise<{ actorType: string; actorId: string | null; action: string; targetType: string; targetId: string | null }[]> {
  const script = `const pg = require('pg');
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
client.connect()
  .then(() => client.query('SELECT "actorType", "actorId", "action", "targetType", "targetId" FROM "audit_events" ORDER BY "createdAt", "action"'))
  .then((result) => { console.log(JSON.stringify(result.rows)); return client.end(); });`;
  const { stdout } = await run(process.execPath, ['scripts/with-db.mjs', process.execPath, '-e', script], { cwd: ROOT, env: cliEnv(), timeout: 120_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

describe('npm run cli', () => {
  it('seeds once, creates users and apps, and keeps them and the signing key across restarts', { timeout: 300_000 }, async () => {
    const firstSeed = await cli(['db', 'seed', '--json']);
    expect(firstSeed.code, firstSeed.stderr).toBe(0);
    const first = json(firstSeed);
    expect(first.adminEmail).toBe('admin@localhost');
    expect(first.adminPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const secondSeed = json(await cli(['db', 'seed', '--json']));
    expect(secondSeed.adminPassword).toBeUndefined();
    expect(secondSeed.signingKeyId).toBe(first.signingKeyId);

    const user = await cli(['user', 'create', '--email', 'Dev@Example.test', '--password', 'long-enough-pw', '--first-name', 'Dev', '--role', 'super_admin', '--verified', '--json']);
    expect(user.code, user.stderr).toBe(0);
    expect(json(user).authId).toMatch(/^[0-9a-f-]{36}$/);

    const duplicate = await cli(['user', 'create', '--email', 'dev@example.test', '--password', 'long-enough-pw', '--json']);
    expect(duplicate.code).toBe(1);
    expect(json(duplicate)).toMatchObject({ error: 'email_taken' });

    const spa = json(await cli(['app', 'create', '--name', 'Web', '--type', 'spa', '--redirect-uri', 'https://web.example.test/cb', '--json']));
    expect(spa.clientId).toBeTruthy();
    expect(spa.clientSecret).toBeUndefined();
    const s2s = json(await cli(['app', 'create', '--name', 'Backend', '--type', 's2s', '--scope', 'read_user', '--json']));
    expect(String(s2s.clientSecret)).toHaveLength(64);

    const rotated = json(await cli(['keys', 'rotate', '--json']));
    expect(rotated.previousKid).toBe(first.signingKeyId);
    expect(rotated.kid).not.toBe(first.signingKeyId);

    // every write of the CLI is audited, by the system actor "cli"
    const cliActor = { actorType: 'system', actorId: 'cli' };
    expect(await auditEvents()).toEqual([
      { ...cliActor, action: 'user.created', targetType: 'user', targetId: json(user).authId },
      { ...cliActor, action: 'app.created', targetType: 'app', targetId: spa.id },
      { ...cliActor, action: 'app.created', targetType: 'app', targetId: s2s.id },
      { ...cliActor, action: 'signing_key.rotated', targetType: 'signing_key', targetId: rotated.kid },
    ]);
  });

  it('issue 17 point 4: creates (shown once), lists and revokes API keys, audited as the CLI', { timeout: 300_000 }, async () => {
    // the built-in scopes (idempotent: this test also runs alone)
    expect((await cli(['db', 'seed'])).code).toBe(0);
    const created = await cli(['api-key', 'create', '--name', 'Nightly export', '--scope', 'read_user', '--ip', '10.0.0.0/8', '--ip', '2001:db8::/32', '--json']);
    expect(created.code, created.stdout).toBe(0);
    const { apiKey, key } = json(created) as { apiKey: { id: string; prefix: string; scopes: string[]; ipAllowList: string[] }; key: string };
    expect(key).toMatch(/^tsk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(`${apiKey.prefix}_`)).toBe(true);
    expect(apiKey).toMatchObject({ scopes: ['read_user'], ipAllowList: ['10.0.0.0/8', '2001:db8::/32'] });

    const listed = await cli(['api-key', 'list']);
    expect(listed.stdout).toContain(apiKey.prefix);
    expect(listed.stdout).toContain('active');
    expect(listed.stdout).not.toContain(key);

    const revoked = await cli(['api-key', 'revoke', apiKey.id, '--json']);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(json(revoked)).toMatchObject({ apiKey: { id: apiKey.id, status: 'revoked' } });

    const badRange = await cli(['api-key', 'create', '--name', 'Bad', '--scope', 'read_user', '--ip', '10.0.0.0/40', '--json']);
    expect(badRange.code).toBe(1);
    expect(json(badRange)).toMatchObject({ error: 'invalid_ip_allow_list' });

    const audit = (await auditEvents()).filter((event) => event.targetType === 'api_key');
    expect(audit).toEqual([
      { actorType: 'system', actorId: 'cli', action: 'api_key.created', targetType: 'api_key', targetId: apiKey.id },
      { actorType: 'system', actorId: 'cli', action: 'api_key.revoked', targetType: 'api_key', targetId: apiKey.id },
    ]);
  });

  it('refuses bad input with a clear message and exit code 1', { timeout: 120_000 }, async () => {
    const badUri = await cli(['app', 'create', '--name', 'Bad', '--type', 'spa', '--redirect-uri', 'http://evil.example/cb', '--json']);
    expect(badUri.code).toBe(1);
    expect(json(badUri)).toMatchObject({ error: 'invalid_redirect_uri' });

    const weak = await cli(['user', 'create', '--email', 'weak@example.test', '--password', 'short', '--json']);
    expect(json(weak)).toMatchObject({ error: 'weak_password' });

    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown command: frobnicate/);
  });

  it('names the bad environment variable when the configuration is invalid', { timeout: 120_000 }, async () => {
    const result = await cli(['config', 'check'], { ENABLE_SIGN_UP: 'maybe' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ENABLE_SIGN_UP: expected true or false/);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
