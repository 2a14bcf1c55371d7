// The operator commands of the CLI (issue #16 point 6), run as an operator runs them: separate
// processes through scripts/with-db.mjs, on a database of their own: a brand-new embedded one (its
// data directory) when the suite runs embedded, a throwaway PostgreSQL database when it runs on
// PostgreSQL (TEST_DATABASE_URL). The services behind them have their own tests
// (lib/identity/operator-password.test.ts, lib/seed/recover.test.ts, lib/config/public.test.ts).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createThrowawayDatabase } from '@/lib/testing/postgres';
import { parseImportFile } from '@/lib/users/import-file';
import { freePort, hasStackTrace, lastJson, runCli, type CliRun } from './testing';

const database = inject('testDatabase');
const secret = randomBytes(32).toString('hex');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-ops-'));
const cleanups: (() => Promise<void>)[] = [];

/** The environment of a brand-new database; PostgreSQL ones are released (migrated and seeded) first. */
async function freshDatabase(name: string): Promise<Record<string, string>> {
  if (database.kind === 'embedded') {
    // the first data command migrates and seeds it (scripts/cli/database.ts)
    return { DATA_DIR: path.join(work, name), EMBEDDED_DB_PORT: String(await freePort()), SECRET_KEY: secret };
  }
  const created = await createThrowawayDatabase(`ops_${name}`);
  cleanups.push(created.drop);
  const env = { DATABASE_URL: created.url, SECRET_KEY: secret };
  const released = await runCli(['release'], env);
  if (released.code !== 0) throw new Error(released.stderr);
  return env;
}

let source: Record<string, string>;
let target: Record<string, string>;

beforeAll(async () => {
  [source, target] = await Promise.all([freshDatabase('source'), freshDatabase('target')]);
}, 240_000);

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  fs.rmSync(work, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const where = path.join(work, name);
  fs.writeFileSync(where, text);
  return where;
}

/** A failure is one `Error: …` line on stderr (progress lines aside), exit code 1, no stack trace. */
function expectErrorLine(run: CliRun, line: string | RegExp) {
  expect(run.code, run.stdout + run.stderr).toBe(1);
  const errors = run.stderr.split('\n').filter((text) => text.startsWith('Error: '));
  expect(errors).toHaveLength(1);
  if (typeof line === 'string') expect(errors[0]).toBe(line);
  else expect(errors[0]).toMatch(line);
  expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
}

// ";"-separated, quoted cells holding ";" and a line break, a role list, and one bad row.
const USERS_CSV = [
  'email;firstName;lastName;roles;password;emailVerified',
  '"ann@example.test";"Ann; the first";"Multi',
  'Line";"super_admin";"Ann-pass-1234";true',
  'bob@example.test;Bob;Builder;;Bob-pass-1234;false',
  'not-an-address;Nobody;;;;',
  '',
].join('\n');

describe('operator CLI', { timeout: 300_000 }, () => {
  it('admin recover: creates the first admin and prints a one-time password', async () => {
    const run = await runCli(['admin', 'recover', '--email', 'ops@example.test', '--json'], source);
    expect(run.code, run.stderr).toBe(0);
    expect(lastJson(run)).toMatchObject({ adminEmail: 'ops@example.test', adminPassword: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/), repaired: ['created', 'super_admin granted'] });

    const text = await runCli(['admin', 'recover', '--email', 'ops@example.test'], source);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Admin ops@example\.test can sign in to \/admin\.\n {2}Password: {3}[A-Za-z0-9_-]{24} {3}\(shown once: store it now\)$/m);
  });

  it('import: CSV with ";", quotes and a multi-line cell through the import service; bad rows and bad files named', async () => {
    const run = await runCli(['import', file('users.csv', USERS_CSV), '--json'], source);
    expect(run.code).toBe(1); // a row failed
    expect(lastJson(run)).toMatchObject({ created: 2, skipped: 0, errors: 1, failed: [{ index: 2, email: 'not-an-address', status: 'error' }] });
    expect(run.stderr).toMatch(/^\[import\] row 3 \(not-an-address\): Invalid email address\.$/m);
    expect(run.stderr).toMatch(/^\[import\] users: .*3\/3 100% decided$/m);

    const again = await runCli(['import', path.join(work, 'users.csv')], source);
    expect(again.stdout.trim()).toBe(`Imported from ${path.join(work, 'users.csv')}: 0 created, 2 skipped (email exists), 1 failed.`);

    const broken = file('broken.csv', 'email,firstName\nann@example.test,Ann\n"open,Quote\n');
    expectErrorLine(await runCli(['import', broken], source), `Error: ${broken}: nothing imported: line 3 is not valid CSV (an unclosed quote, more cells than the header, or no email column in the header)`);
    expectErrorLine(await runCli(['import', path.join(work, 'missing.csv')], source), `Error: ${path.join(work, 'missing.csv')}: no such file`);
  });

  it('user set-role, reset-password and unlock: the services, with one error line for bad input', async () => {
    const roles = await runCli(['user', 'set-role', 'BOB@example.test', 'super_admin', '--json'], source);
    expect(roles.code, roles.stderr).toBe(0);
    expect(lastJson(roles)).toMatchObject({ email: 'bob@example.test', roles: ['super_admin'] });
    expectErrorLine(await runCli(['user', 'set-role', 'bob@example.test', 'ghost'], source), 'Error: Unknown role: ghost');
    expectErrorLine(await runCli(['user', 'set-role', 'bob@example.test'], source), 'Error: give at least one role: user set-role <email> <role>...');

    expectErrorLine(await runCli(['user', 'reset-password', 'ann@example.test', '--password', 'short'], source), 'Error: The password does not meet the password policy.');
    const set = await runCli(['user', 'reset-password', 'ann@example.test', '--password', 'Operator-pass-77'], source);
    expect(set.stdout.trim()).toBe('Password set for ann@example.test; 0 session(s) ended and 0 refresh token(s) revoked.');
    const link = await runCli(['user', 'reset-password', 'ann@example.test', '--json'], source);
    expect(link.code, link.stderr).toBe(0);
    expect(String(lastJson(link).link)).toMatch(/^http:\/\/localhost:3000\/identity\/v1\/forgot-password\?email=ann%40example\.test&code=\d{6}$/);
    expectErrorLine(await runCli(['user', 'reset-password'], source), /^Error: <email> is required$/);

    const unlock = await runCli(['user', 'unlock', 'ann@example.test'], source);
    expect(unlock.stdout.trim()).toBe('Sign-in lockout of ann@example.test lifted.');
    expectErrorLine(await runCli(['user', 'unlock', 'nobody@example.test'], source), 'Error: no local user has the email nobody@example.test');
    const json = await runCli(['user', 'unlock', 'nobody@example.test', '--json'], source);
    expect(json.code).toBe(1);
    expect(lastJson(json)).toEqual({ error: 'user_not_found', message: 'no local user has the email nobody@example.test' });
  });

  it('keys list and config print: public facts only, secrets masked', async () => {
    const keys = await runCli(['keys', 'list', '--json'], source);
    expect(keys.code, keys.stderr).toBe(0);
    const listed = lastJson(keys).keys as Record<string, unknown>[];
    expect(listed).toEqual([{ kid: expect.stringMatching(/^[0-9a-f]{64}$/), alg: 'RS256', status: 'current', createdAt: expect.any(String), rotatedAt: null, retireAfter: null, retiredAt: null }]);
    expect(keys.stdout).not.toMatch(/PRIVATE|privateKey/);

    const printed = await runCli(['config', 'print'], { ...source, METRICS_TOKEN: 'metrics-token-abc', ENABLE_SIGN_UP: 'false' });
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout).toMatch(/^METRICS_TOKEN=\*{8} \(set\)$/m);
    expect(printed.stdout).toMatch(/^ENABLE_SIGN_UP=false$/m);
    expect(printed.stdout).toMatch(/^SECRET_KEY=\*{8} \(set\)$/m);
    expect(printed.stdout).not.toContain(secret);
    expect(printed.stdout).not.toContain('metrics-token-abc');
    const invalid = await runCli(['config', 'print'], { ...source, ENABLE_SIGN_UP: 'maybe' });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^Error: Invalid configuration:\n {2}ENABLE_SIGN_UP: expected true or false, got "maybe"$/m);
    expect(invalid.stdout).toBe('');
  });

  it('export → import into a fresh database keeps users, names, roles and password hashes (CSV), and NDJSON exports agree', async () => {
    const csv = await runCli(['export', '--format', 'csv', '--password-hashes'], source);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stderr).toMatch(/^\[export\] users: .* 4\/4 100% exported$/m);
    expect(csv.stdout.split('\n')[0]).toBe('authId,email,passwordHash,firstName,lastName,locale,emailVerified,roles');
    expect(csv.stdout).toContain('"Multi\nLine"');
    const csvFile = file('export.csv', csv.stdout);

    const before = path.join(work, 'source.ndjson');
    const exported = await runCli(['export', '--password-hashes', '--output', before], source);
    expect(exported.stdout.trim()).toBe(`Exported 4 user(s) to ${before} (ndjson).`);

    const imported = await runCli(['import', csvFile, '--json'], target);
    expect(imported.code, imported.stderr).toBe(0);
    // both databases were seeded with their own first admin (admin@localhost): the target keeps its own
    expect(lastJson(imported)).toMatchObject({ created: 3, skipped: 1, errors: 0 });

    const after = path.join(work, 'target.ndjson');
    expect((await runCli(['export', '--password-hashes', '-o', after], target)).code).toBe(0);
    const comparable = (text: string) => {
      const parsed = parseImportFile(text);
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.rows.filter((row) => row.email !== 'admin@localhost').sort((a, b) => a.email.localeCompare(b.email));
    };
    const sourceRows = comparable(fs.readFileSync(before, 'utf8'));
    expect(sourceRows.map((row) => row.email)).toEqual(['ann@example.test', 'bob@example.test', 'ops@example.test']);
    expect(sourceRows.every((row) => row.passwordHash?.startsWith('$argon2id$'))).toBe(true);
    expect(comparable(fs.readFileSync(after, 'utf8'))).toEqual(sourceRows);
    expect(sourceRows.find((row) => row.email === 'ann@example.test')).toMatchObject({ firstName: 'Ann; the first', lastName: 'Multi\nLine', roles: ['super_admin'], emailVerified: true });

    expectErrorLine(await runCli(['export', '--format', 'xml'], target), 'Error: --format must be ndjson or csv, not "xml"');
  });
});
