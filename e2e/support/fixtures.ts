// What the e2e global setup (e2e/global-setup.ts) creates and hands to the tests: the server under
// test and the fixtures made through the CLI. Shared through the E2E_FIXTURES environment variable
// (global setup runs before the workers start, so they inherit it) and, for humans and for runs
// against E2E_BASE_URL, the file test-results/e2e-fixtures.json.
import fs from 'node:fs';
import path from 'node:path';

export interface E2eUser {
  authId: string;
  email: string;
  password: string;
}

export interface E2eFixtures {
  /** Origin of the server under test, e.g. http://localhost:3100 (no trailing slash). */
  baseURL: string;
  /** Issuer expected in discovery and in tokens (AUTH_SERVER_URL of that server). */
  issuer: string;
  /** A public SPA client whose only redirect URI is `redirectUri`. */
  clientId: string;
  /** Registered redirect URI; no page is served there: tests intercept the navigation. */
  redirectUri: string;
  /**
   * A verified user shared by all spec files. Consent and other per-user state persist across files:
   * a test that depends on a fresh user (e.g. one that must see the consent page) creates its own
   * with createTestUser() (e2e/support/users.ts).
   */
  users: { primary: E2eUser };
  /** Environment for the CLI against the server's database (see createTestUser). */
  cliEnv: Record<string, string>;
}

export const FIXTURES_FILE = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'e2e-fixtures.json');

export function loadFixtures(): E2eFixtures {
  const raw = process.env.E2E_FIXTURES ?? (fs.existsSync(FIXTURES_FILE) ? fs.readFileSync(FIXTURES_FILE, 'utf8') : undefined);
  if (!raw) throw new Error('No e2e fixtures: run the suite through Playwright so that e2e/global-setup.ts creates them.');
  return JSON.parse(raw) as E2eFixtures;
}
