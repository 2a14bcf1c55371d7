// Playwright global setup: gives the suite a server and its fixtures.
//   - E2E_BASE_URL unset (default): builds the app if the build is stale (E2E_SKIP_BUILD=1 when the
//     caller just built it), starts it on localhost with a fresh database (e2e/support/server.ts)
//     and stops it in global teardown.
//   - E2E_BASE_URL set: tests that server; fixtures are created with the CLI against the database of
//     the current environment (DATABASE_URL, or the embedded server of DATA_DIR), so that must be
//     the database of that server.
// Fixtures (through the CLI, --json): a public SPA client whose redirect URI is <base>/e2e/callback
// and a verified user shared by the spec files; specs that need users of their own create them
// with createTestUser() (e2e/support/users.ts). Tests read the fixtures with loadFixtures().
import fs from 'node:fs';
import type { FullConfig } from '@playwright/test';
import { FIXTURES_FILE, type E2eFixtures } from './support/fixtures';
import { RESULTS_DIR, buildIfStale, cli, cliEnvFrom, startServer, stopServer } from './support/server';
import { createUser } from './support/users';

export default async function globalSetup(_config: FullConfig): Promise<void> {
  const external = process.env.E2E_BASE_URL?.replace(/\/+$/, '');
  let baseURL: string;
  let cliEnv: Record<string, string>;
  if (external) {
    baseURL = external;
    cliEnv = cliEnvFrom({ ...process.env, AUTH_SERVER_URL: process.env.AUTH_SERVER_URL ?? external });
    // unset variables must stay unset (the CLI's defaults), not become ''
    for (const key of Object.keys(cliEnv)) if (process.env[key] === undefined && key !== 'AUTH_SERVER_URL') delete cliEnv[key];
    console.log(`[e2e] testing the running server at ${baseURL}`);
  } else {
    buildIfStale();
    const server = await startServer();
    baseURL = server.baseURL;
    cliEnv = server.cliEnv;
    // Workers re-read playwright.config.ts: make its baseURL follow the port actually chosen.
    process.env.E2E_BASE_URL = baseURL;
  }

  try {
    const started = Date.now();
    const redirectUri = `${baseURL}/e2e/callback`;
    // e2e/device.spec.ts drives the device flow with this app: it must opt in (off by default).
    const app = await cli(cliEnv, ['app', 'create', '--name', 'E2E SPA', '--type', 'spa', '--redirect-uri', redirectUri, '--allow-device-flow']);
    const primary = await createUser(cliEnv, 'primary', 'Ada');
    const fixtures: E2eFixtures = { baseURL, issuer: baseURL, clientId: String(app.clientId), redirectUri, users: { primary }, cliEnv };
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    fs.writeFileSync(FIXTURES_FILE, JSON.stringify(fixtures, null, 2));
    process.env.E2E_FIXTURES = JSON.stringify(fixtures);
    console.log(`[e2e] fixtures created in ${((Date.now() - started) / 1000).toFixed(1)} s (client ${fixtures.clientId})`);
  } catch (error) {
    if (!external) await stopServer();
    throw error;
  }
}
