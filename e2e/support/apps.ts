// Test apps, created through the CLI (`app create … --json`) against the database of the server
// under test (fixtures.cliEnv), like the users of ./users.ts: a spec that needs an app without
// history (no consent given, no tokens issued) creates its own.
import { randomBytes } from 'node:crypto';
import type { E2eFixtures } from './fixtures';
import { cli } from './server';

export interface TestSpa {
  clientId: string;
  /** Unique paths on the server's origin that the server does not serve: answer them with context.route. */
  redirectUri: string;
  postLogoutRedirectUri: string;
}

/**
 * A public SPA client (scopes openid, profile, offline_access; consent not skipped) with one
 * redirect and one post-logout URI; `allowDeviceFlow` opts it in to the device flow (off by default).
 */
export async function createTestSpa(fixtures: E2eFixtures, label: string, options: { allowDeviceFlow?: boolean } = {}): Promise<TestSpa> {
  const base = `${fixtures.baseURL}/e2e/${label}-${randomBytes(4).toString('hex')}`;
  const redirectUri = `${base}/callback`;
  const postLogoutRedirectUri = `${base}/signed-out`;
  const created = await cli(fixtures.cliEnv, [
    'app', 'create', '--name', `E2E ${label}`.slice(0, 50), '--type', 'spa',
    '--redirect-uri', redirectUri, '--post-logout-redirect-uri', postLogoutRedirectUri,
    ...(options.allowDeviceFlow ? ['--allow-device-flow'] : []),
  ]);
  return { clientId: String(created.clientId), redirectUri, postLogoutRedirectUri };
}

export interface TestS2s {
  clientId: string;
  clientSecret: string;
}

/** A confidential S2S client with the given S2S API scopes (none by default). */
export async function createTestS2s(fixtures: E2eFixtures, label: string, scopes: string[] = [], options: { allowIntrospection?: boolean } = {}): Promise<TestS2s> {
  const args = ['app', 'create', '--name', `E2E ${label}`.slice(0, 50), '--type', 's2s'];
  for (const scope of scopes) args.push('--scope', scope);
  if (options.allowIntrospection) args.push('--allow-introspection');
  const created = await cli(fixtures.cliEnv, args);
  return { clientId: String(created.clientId), clientSecret: String(created.clientSecret) };
}
