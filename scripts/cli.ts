// Tessera's command line for deployers, operators and tests: `npm run cli -- <command> [options] [--json]`.
// It runs under scripts/with-db.mjs, which provides DATABASE_URL (the embedded server when unset).
// Every failure ends in one line (`Error: …`, or `{ "error", "message" }` with --json) and exit
// code 1, never a stack trace (LOG_LEVEL=debug adds it). Commands that read or write data first
// check that the database carries every migration (scripts/cli/database.ts).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { config, ConfigError } from '@/lib/config';
import { CLI_CALLER } from '@/lib/access/principal';
import { createApp } from '@/lib/apps/service';
import { createApiKeyInput } from '@/lib/api-keys/schemas';
import { createApiKey, listApiKeys, revokeApiKey } from '@/lib/api-keys/service';
import { disconnectDb } from '@/lib/db';
import { describeDatabaseError } from '@/lib/db/errors';
import { isAppError } from '@/lib/errors';
import { seed } from '@/lib/seed';
import { seedBanner } from '@/lib/seed/banner';
import { createUserWithPassword, updateUser } from '@/lib/users/admin';
import { unlockLockedIps } from '@/lib/users/account';
import { findLocalUserByEmail } from '@/lib/users/service';
import { issuePasswordResetLink, setPasswordAsOperator } from '@/lib/identity/password-reset';
import { effectiveConfiguration } from '@/lib/config/public';
import { listSigningKeys, rotateSigningKey } from '@/lib/keys';
import { recoverAdmin } from '@/lib/seed/recover';
import { runCleanup } from '@/lib/cleanup';
import { prepareDatabase, SchemaNotReadyError } from './cli/database';
import { progressBar, type ProgressBar } from './cli/progress';
import { release } from './cli/release';
import { exportToStream, importFromText, readInput, TransferError, transferFormat } from './cli/transfer';

const USAGE = `Usage: npm run cli -- <command> [options] [--json]

Deploying:
  release                      check the production configuration and the database, apply migrations
                               (over DIRECT_DATABASE_URL when set) and seed; the one deploy step
  config check                 validate the environment and print the effective server URL
  config print                 every variable's effective value (defaults filled in, secrets masked)
  db migrate                   apply pending migrations (over DIRECT_DATABASE_URL when set)
  db seed                      create built-in scopes, roles, apps, the first admin and signing key

Data:
  user create --email E --password P [--first-name F] [--last-name L] [--role R]... [--verified]
  app create --name N --type spa|s2s [--redirect-uri U]... [--post-logout-redirect-uri U]... [--scope S]...
             [--allow-introspection]   (s2s: may call /oauth2/v1/introspect without root)
             [--allow-device-flow]     (spa: accepts the device flow, RFC 8628; off by default)
  user reset-password <email> [--password P]
                               print a one-time reset link (2 hours), or set the password P (the password
                               policy applies); either way every session and refresh token of the user ends
  user set-role <email> <role>...
                               replace the user's roles
  user unlock <email>          lift the sign-in lockout of the account (every IP)
  keys list                    signing keys: kid, alg, status, created (public facts only)
  keys rotate                  sign with a new key; the previous one stays published until its tokens expire
  api-key create --name N --scope S... [--expires-at ISO-8601] [--ip ADDRESS|CIDR]...
                               an API key for /api/v1 (tsk_…, shown once)
  api-key list                 every key: prefix, name, scopes, status, last use
  api-key revoke <id>          revoke a key at once
  export [--format ndjson|csv] [--output F] [--password-hashes]
                               every user, NDJSON (default) or CSV, to stdout or F; hashes only when asked
  import <file|-> [--format ndjson|csv]
                               users from NDJSON, a JSON array or CSV ("," or ";", quoted cells may span
                               lines), through the API's import service; existing emails are skipped

Operating:
  admin recover [--email E]    create or repair the first admin (ADMIN_EMAIL, or E): active, verified,
                               super_admin, a new password shown once; and the dashboard app tessera-admin
  cleanup [--batch-size N]     delete expired rows and logs past their retention, in batches (default 1000)
`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
    email: { type: 'string' },
    password: { type: 'string' },
    'first-name': { type: 'string' },
    'last-name': { type: 'string' },
    role: { type: 'string', multiple: true, default: [] },
    verified: { type: 'boolean', default: false },
    name: { type: 'string' },
    type: { type: 'string' },
    'redirect-uri': { type: 'string', multiple: true, default: [] },
    'post-logout-redirect-uri': { type: 'string', multiple: true, default: [] },
    scope: { type: 'string', multiple: true },
    'allow-introspection': { type: 'boolean', default: false },
    'allow-device-flow': { type: 'boolean', default: false },
    'batch-size': { type: 'string' },
    'expires-at': { type: 'string' },
    ip: { type: 'string', multiple: true, default: [] },
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    'password-hashes': { type: 'boolean', default: false },
  },
});

function positiveInteger(value: string, option: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new UsageError(`${option} must be a positive whole number`);
  return parsed;
}

function output(result: Record<string, unknown>, text: string) {
  console.log(values.json ? JSON.stringify(result) : text);
}

function required(name: 'email' | 'password' | 'name' | 'type'): string {
  const value = values[name];
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

class UsageError extends Error {}

/** The n-th word after the command's words (`user unlock <email>`: argument(2)). */
function argument(index: number, name: string): string {
  const value = positionals[index];
  if (!value) throw new UsageError(`<${name}> is required`);
  return value;
}

class NotFoundError extends Error {}

async function userByEmail(email: string) {
  const user = await findLocalUserByEmail(email);
  if (!user) throw new NotFoundError(`no local user has the email ${email}`);
  return user;
}

/** A command; `data` ones need a migrated database (checked, or prepared when embedded, first). */
interface Command {
  data: boolean;
  run: () => Promise<number | void>;
}

const COMMANDS: Record<string, Command> = {
  release: {
    data: false,
    async run() {
      const result = await release(process.env, (line) => console.error(line));
      if (result.seed) console.error(seedBanner(result.seed));
      const failed = result.steps.find((step) => !step.ok);
      if (values.json) console.log(JSON.stringify(failed ? { error: 'release_failed', step: failed.name, message: failed.detail, steps: result.steps } : result));
      else console.log(failed ? `Release failed at "${failed.name}": ${failed.detail}` : `Release done in ${(result.steps.reduce((sum, step) => sum + step.ms, 0) / 1000).toFixed(1)} s.`);
      return result.ok ? 0 : 1;
    },
  },
  'config check': {
    data: false,
    async run() {
      const c = config();
      output({ ok: true, authServerUrl: c.authServerUrl, environment: c.environment }, `Configuration is valid (${c.environment}, ${c.authServerUrl}).`);
    },
  },
  'db migrate': {
    data: false,
    async run() {
      const { deploy } = await import('./prisma-wasm.mjs');
      const applied = await deploy({ url: process.env.DIRECT_DATABASE_URL || process.env.DATABASE_URL! });
      output({ applied }, applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
    },
  },
  'db seed': {
    data: true,
    async run() {
      const report = await seed();
      output({ ...report }, seedBanner(report));
    },
  },
  'user create': {
    data: true,
    async run() {
      // The operator at the shell is the access module's CLI principal (root), through the same
      // service as the API's POST /users.
      const user = await createUserWithPassword(CLI_CALLER, {
        email: required('email'),
        password: required('password'),
        firstName: values['first-name'],
        lastName: values['last-name'],
        roles: values.role,
        emailVerified: values.verified,
      });
      output({ authId: user.id, email: user.email }, `Created user ${user.email} (authId ${user.id}).`);
    },
  },
  'app create': {
    data: true,
    async run() {
      const type = required('type');
      if (type !== 'spa' && type !== 's2s') throw new UsageError('--type must be spa or s2s');
      const app = await createApp(
        {
          name: required('name'),
          type,
          redirectUris: values['redirect-uri'],
          postLogoutRedirectUris: values['post-logout-redirect-uri'],
          scopes: values.scope,
          allowIntrospection: values['allow-introspection'],
          allowDeviceFlow: values['allow-device-flow'],
        },
        { actor: CLI_CALLER.actor },
      );
      output(
        { id: app.id, clientId: app.clientId, ...(app.clientSecret ? { clientSecret: app.clientSecret } : {}) },
        `Created ${app.type} app "${app.name}"\n  client_id: ${app.clientId}` +
          (app.clientSecret ? `\n  client_secret: ${app.clientSecret}\n  (shown once: store it now)` : ''),
      );
    },
  },
  cleanup: {
    data: true,
    async run() {
      const bars = new Map<string, ProgressBar>();
      const report = await runCleanup({
        batchSize: values['batch-size'] ? positiveInteger(values['batch-size'], '--batch-size') : undefined,
        onProgress: ({ table, description, deleted, done }) => {
          if (values.json) return;
          if (!bars.has(table)) bars.set(table, progressBar(`[cleanup] ${description}:`));
          const line = bars.get(table)!;
          line.update(deleted);
          if (done) line.finish('deleted');
        },
      });
      output({ ...report }, `Cleanup done in ${(report.ms / 1000).toFixed(1)} s: ${report.total} row(s) deleted${report.skipped.length ? ` (kept for ever: ${report.skipped.join(', ')})` : ''}.`);
    },
  },
  'config print': {
    data: false,
    async run() {
      const effective = effectiveConfiguration(process.env);
      if (values.json) console.log(JSON.stringify(effective));
      else for (const [name, value] of Object.entries(effective)) console.log(`${name}=${value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value)}`);
    },
  },
  'user reset-password': {
    data: true,
    async run() {
      const email = argument(2, 'email');
      if (values.password !== undefined) {
        const signedOut = await setPasswordAsOperator(CLI_CALLER, email, values.password);
        output(
          { email, passwordSet: true, ...signedOut },
          `Password set for ${email}; ${signedOut.ssoSessions} session(s) ended and ${signedOut.refreshTokens} refresh token(s) revoked.`,
        );
        return;
      }
      const { link, expiresAt } = await issuePasswordResetLink(CLI_CALLER, email);
      output({ email, link, expiresAt: expiresAt.toISOString() }, `One-time reset link for ${email} (valid until ${expiresAt.toISOString()}):\n${link}`);
    },
  },
  'user set-role': {
    data: true,
    async run() {
      const user = await userByEmail(argument(2, 'email'));
      const roles = positionals.slice(3);
      if (!roles.length) throw new UsageError('give at least one role: user set-role <email> <role>...');
      const updated = await updateUser(CLI_CALLER, user.id, { roles });
      output({ authId: updated.authId, email: updated.email, roles: updated.roles }, `Roles of ${updated.email}: ${updated.roles.join(', ')}.`);
    },
  },
  'user unlock': {
    data: true,
    async run() {
      const user = await userByEmail(argument(2, 'email'));
      await unlockLockedIps(CLI_CALLER, user.id);
      output({ authId: user.id, email: user.email, unlocked: true }, `Sign-in lockout of ${user.email} lifted.`);
    },
  },
  'admin recover': {
    data: true,
    async run() {
      const result = await recoverAdmin({ actor: CLI_CALLER.actor, email: values.email });
      output(
        { ...result },
        [
          `Admin ${result.adminEmail} can sign in to /admin${result.repaired.length ? ` (repaired: ${result.repaired.join('; ')})` : ''}.`,
          `  Password:   ${result.adminPassword}   (shown once: store it now)`,
        ].join('\n'),
      );
    },
  },
  'keys list': {
    data: true,
    async run() {
      const keys = await listSigningKeys();
      if (values.json) console.log(JSON.stringify({ keys }));
      else {
        console.log(['kid', 'alg', 'status', 'created'].join('\t'));
        for (const key of keys) console.log([key.kid, key.alg, key.status, key.createdAt.toISOString()].join('\t'));
      }
    },
  },
  export: {
    data: true,
    async run() {
      const format = transferFormat(values.format, values.output);
      const out = values.output ? fs.createWriteStream(values.output) : process.stdout;
      const bar = progressBar('[export] users:');
      const count = await exportToStream(out, { format, passwordHashes: values['password-hashes'], progress: bar });
      bar.finish('exported');
      if (out !== process.stdout) {
        await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
        output({ exported: count, format, output: values.output }, `Exported ${count} user(s) to ${values.output} (${format}).`);
      }
    },
  },
  import: {
    data: true,
    async run() {
      const file = argument(1, 'file');
      const bar = progressBar('[import] users:');
      const summary = await importFromText(file === '-' ? 'stdin' : file, await readInput(file), bar);
      bar.finish('decided');
      const failed = summary.results.filter((result) => result.status === 'error');
      for (const result of failed.slice(0, 20)) console.error(`[import] row ${result.index + 1} (${result.email}): ${result.error}`);
      if (failed.length > 20) console.error(`[import] … and ${failed.length - 20} more failed row(s)`);
      output(
        { created: summary.created, skipped: summary.skipped, errors: summary.errors, failed },
        `Imported from ${file}: ${summary.created} created, ${summary.skipped} skipped (email exists), ${summary.errors} failed.`,
      );
      return summary.errors ? 1 : 0;
    },
  },
  'keys rotate': {
    data: true,
    async run() {
      const result = await rotateSigningKey({ actor: CLI_CALLER.actor });
      output(result, `Now signing with ${result.kid}.` + (result.previousKid ? ` ${result.previousKid} stays in the JWKS until its tokens expire.` : ''));
    },
  },
  'api-key create': {
    data: true,
    async run() {
      const input = createApiKeyInput.parse({ name: required('name'), scopes: values.scope ?? [], expiresAt: values['expires-at'], ipAllowList: values.ip });
      const { apiKey, key } = await createApiKey(CLI_CALLER, input);
      output(
        { apiKey, key },
        `Created API key "${apiKey.name}" (id ${apiKey.id}, scopes ${apiKey.scopes.join(' ')})\n  key: ${key}\n  (shown once: store it now)`,
      );
    },
  },
  'api-key list': {
    data: true,
    async run() {
      const apiKeys = await listApiKeys();
      const lines = apiKeys.map(
        (apiKey) =>
          `${apiKey.id}  ${apiKey.prefix}  ${apiKey.status.padEnd(7)}  ${apiKey.name}  [${apiKey.scopes.join(' ')}]` +
          (apiKey.lastUsedAt ? `  last used ${apiKey.lastUsedAt}${apiKey.lastUsedIp ? ` from ${apiKey.lastUsedIp}` : ''}` : '  never used'),
      );
      output({ apiKeys }, lines.length ? lines.join('\n') : 'No API keys.');
    },
  },
  'api-key revoke': {
    data: true,
    async run() {
      const id = positionals[2];
      if (!id) throw new UsageError('api-key revoke needs the id of the key');
      const apiKey = await revokeApiKey(CLI_CALLER, id);
      output({ apiKey }, `Revoked API key "${apiKey.name}" (${apiKey.prefix}).`);
    },
  },
};

/** The command named by the first one or two words. */
function findCommand(): Command {
  const [first, second] = positionals;
  const command = COMMANDS[`${first} ${second}`] ?? COMMANDS[first ?? ''];
  if (!command) throw new UsageError(first ? `Unknown command: ${positionals.slice(0, 2).join(' ')}` : 'No command given');
  return command;
}

function failure(error: unknown): { code: string; message: string } {
  if (isAppError(error)) return { code: error.code, message: error.message };
  if (error instanceof ZodError) return { code: 'invalid_input', message: error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') };
  if (error instanceof ConfigError) return { code: 'invalid_config', message: error.message };
  if (error instanceof UsageError) return { code: 'usage', message: error.message };
  if (error instanceof NotFoundError) return { code: 'user_not_found', message: error.message };
  if (error instanceof TransferError) return { code: 'invalid_file', message: error.message };
  if (error instanceof SchemaNotReadyError) return { code: 'schema_not_ready', message: error.message };
  return { code: 'failed', message: describeDatabaseError(error) };
}

async function main(): Promise<number> {
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  try {
    const command = findCommand();
    if (command.data) await prepareDatabase();
    return (await command.run()) ?? 0;
  } catch (error) {
    const { code, message } = failure(error);
    if (values.json) console.log(JSON.stringify({ error: code, message }));
    else console.error(`Error: ${message}${error instanceof UsageError ? `\n\n${USAGE}` : ''}`);
    if (process.env.LOG_LEVEL?.toLowerCase() === 'debug' && code === 'failed') console.error(error);
    return 1;
  } finally {
    await disconnectDb();
  }
}

process.exit(await main());
