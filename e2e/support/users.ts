// Test users, created through the CLI (`user create … --verified --json`) against the database of
// the server under test. Each call makes a new user (random email and password), so a spec that
// needs a user without history (no consent given, no failed sign-ins) creates its own.
import { randomBytes } from 'node:crypto';
import type { E2eFixtures, E2eUser } from './fixtures';
import { cli } from './server';

export async function createUser(cliEnv: Record<string, string>, label: string, firstName = 'E2E'): Promise<E2eUser> {
  const email = `e2e-${label}-${randomBytes(4).toString('hex')}@example.com`;
  const password = `Pw-7${randomBytes(12).toString('base64url')}!`; // upper, lower, digit and symbols: passes any strength rule
  const created = await cli(cliEnv, ['user', 'create', '--email', email, '--password', password, '--first-name', firstName, '--verified']);
  return { authId: String(created.authId), email, password };
}

/** From a test (beforeAll): a fresh verified user on the server of these fixtures. */
export function createTestUser(fixtures: E2eFixtures, label: string, firstName?: string): Promise<E2eUser> {
  return createUser(fixtures.cliEnv, label, firstName);
}
