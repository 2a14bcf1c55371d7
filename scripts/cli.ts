// Tessera's command line for deployers and tests: `npm run cli -- <command> [options] [--json]`.
// It runs under scripts/with-db.mjs, which provides DATABASE_URL (the embedded server when unset).
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { config, ConfigError } from '@/lib/config';
import { createApp } from '@/lib/apps/service';
import { CLI_ACTOR } from '@/lib/audit';
import { disconnectDb } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import { rotateSigningKey } from '@/lib/keys';
import { seed } from '@/lib/seed';
import { seedBanner } from '@/lib/seed/banner';
import { createUser } from '@/lib/users/service';

const USAGE = `Usage: npm run cli -- <command> [options] [--json]

Commands:
  config check                 validate the environment and print the effective server URL
  db migrate                   apply pending migrations
  db seed                      create built-in scopes, roles, apps, the first admin and signing key
  user create --email E --password P [--first-name F] [--last-name L] [--role R]... [--verified]
  app create --name N --type spa|s2s [--redirect-uri U]... [--post-logout-redirect-uri U]... [--scope S]...
  keys rotate                  sign with a new key; the previous one stays published until its tokens expire
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
  },
});

function output(result: Record<string, unknown>, text: string) {
  console.log(values.json ? JSON.stringify(result) : text);
}

function required(name: 'email' | 'password' | 'name' | 'type'): string {
  const value = values[name];
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

class UsageError extends Error {}

async function run(command: string): Promise<void> {
  switch (command) {
    case 'config check': {
      const c = config();
      output({ ok: true, authServerUrl: c.authServerUrl, environment: c.environment }, `Configuration is valid (${c.environment}, ${c.authServerUrl}).`);
      return;
    }
    case 'db migrate': {
      const { deploy } = await import('./prisma-wasm.mjs');
      const applied = await deploy({ url: process.env.DATABASE_URL! });
      output({ applied }, applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      return;
    }
    case 'db seed': {
      const report = await seed();
      output({ ...report }, seedBanner(report));
      return;
    }
    case 'user create': {
      const user = await createUser({
        email: required('email'),
        password: required('password'),
        firstName: values['first-name'],
        lastName: values['last-name'],
        roles: values.role,
        emailVerified: values.verified,
      }, { actor: CLI_ACTOR });
      output({ authId: user.id, email: user.email }, `Created user ${user.email} (authId ${user.id}).`);
      return;
    }
    case 'app create': {
      const type = required('type');
      if (type !== 'spa' && type !== 's2s') throw new UsageError('--type must be spa or s2s');
      const app = await createApp({
        name: required('name'),
        type,
        redirectUris: values['redirect-uri'],
        postLogoutRedirectUris: values['post-logout-redirect-uri'],
        scopes: values.scope,
      }, { actor: CLI_ACTOR });
      output(
        { id: app.id, clientId: app.clientId, ...(app.clientSecret ? { clientSecret: app.clientSecret } : {}) },
        `Created ${app.type} app "${app.name}"\n  client_id: ${app.clientId}` +
          (app.clientSecret ? `\n  client_secret: ${app.clientSecret}\n  (shown once: store it now)` : ''),
      );
      return;
    }
    case 'keys rotate': {
      const result = await rotateSigningKey({ actor: CLI_ACTOR });
      output(result, `Now signing with ${result.kid}.` + (result.previousKid ? ` ${result.previousKid} stays in the JWKS until its tokens expire.` : ''));
      return;
    }
    default:
      throw new UsageError(command ? `Unknown command: ${command}` : 'No command given');
  }
}

async function main() {
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  try {
    await run(positionals.slice(0, 2).join(' '));
    return 0;
  } catch (error) {
    const known = error instanceof UsageError || error instanceof ConfigError || isAppError(error) || error instanceof ZodError;
    if (!known) throw error;
    const code = isAppError(error) ? error.code : error instanceof ZodError ? 'invalid_input' : error instanceof ConfigError ? 'invalid_config' : 'usage';
    const message = error instanceof ZodError ? error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') : error.message;
    if (values.json) console.log(JSON.stringify({ error: code, message }));
    else console.error(`Error: ${message}${error instanceof UsageError ? `\n\n${USAGE}` : ''}`);
    return 1;
  } finally {
    await disconnectDb();
  }
}

process.exit(await main());
