// Playwright global setup: gives the suite a server and its fixtures.
//   - E2E_BASE_URL unset (default): builds the app if the build is stale (E2E_SKIP_BUILD=1 when the
//     caller just built it), starts it on localhost with a fresh database (e2e/support/server.ts)
//     and stops it in global teardown.
//   - E2E_BASE_URL set: tests that server; fixtures are created with the CLI against the database of
//     the current environment (DATABASE_URL, or the embedded server of DATA_DIR), so that must be
//     the database of that server.
// Fixtures (through the CLI, --json): two verified users and a public SPA client whose redirect URI
// is <base>/e2e/callback. Tests read them with loadFixtures() (e2e/support/fixtures.ts).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { FullConfig } from '@playwright/test';
import { FIXTURES_FILE, type E2eFixtures, type E2eUser } from './support/fixtures';
import { RESULTS_DIR, buildIfStale, cli, startServer, stopServer } from './support/server';

async function createUser(env: NodeJS.ProcessEnv, label: string, firstName: string): Promise<E2eUser> {
  const email = `e2e-${label}-${randomBytes(4).toString('hex')}@example.com`;
  const password = `Pw-${randomBytes(12).toString('base64url')}`;
  const created = await cli(env, ['user', 'create', '--email', email, '--password', password, '--first-name', firstName, '--verified']);
  return { authId: String(created.authId), email, password };
}

export default async function globalSetup(_config: FullConfig): Promise<void> {
  const external = process.env.E2E_BASE_URL?.replace(/\/+$/, '');
  let baseURL: string;
  let env: NodeJS.ProcessEnv;
  if (external) {
    baseURL = external;
    env = { ...process.env, AUTH_SERVER_URL: process.env.AUTH_SERVER_URL ?? external, NEXT_TELEMETRY_DISABLED: '1' };
    console.log(`[e2e] testing the running server at ${baseURL}`);
  } else {
    buildIfStale();
    const server = await startServer();
    baseURL = server.baseURL;
    env = server.env;
    // Workers re-read playwright.config.ts: make its baseURL follow the port actually chosen.
    process.env.E2E_BASE_URL = baseURL;
  }

  try {
    const started = Date.now();
    const redirectUri = `${baseURL}/e2e/callback`;
    const app = await cli(env, ['app', 'create', '--name', 'E2E SPA', '--type', 'spa', '--redirect-uri', redirectUri]);
    const primary = await createUser(env, 'primary', 'Ada');
    const secondary = await createUser(env, 'secondary', 'Grace');
    const fixtures: E2eFixtures = { baseURL, issuer: baseURL, clientId: String(app.clientId), redirectUri, users: { primary, secondary } };
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    fs.writeFileSync(FIXTURES_FILE, JSON.stringify(fixtures, null, 2));
    process.env.E2E_FIXTURES = JSON.stringify(fixtures);
    console.log(`[e2e] fixtures created in ${((Date.now() - started) / 1000).toFixed(1)} s (client ${fixtures.clientId})`);
  } catch (error) {
    if (!external) await stopServer();
    throw error;
  }
}
