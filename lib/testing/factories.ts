// Small builders for test fixtures. Each call makes fresh, unique data in the test file's own
// database schema.
import { randomUUID } from 'node:crypto';
import { createApp } from '@/lib/apps/service';
import { s256 } from '@/lib/oauth/pkce';
import { randomToken } from '@/lib/crypto/tokens';
import { seed } from '@/lib/seed';
import { createUser } from '@/lib/users/service';

let seeded: Promise<unknown> | undefined;

/** Built-in scopes, roles and apps; once per test file. */
export function ensureSeeded() {
  seeded ??= seed();
  return seeded;
}

export async function makeUser(overrides: { email?: string; password?: string; roles?: string[]; firstName?: string } = {}) {
  await ensureSeeded();
  const password = overrides.password ?? `Pw-${randomToken(9)}`;
  const user = await createUser({
    email: overrides.email ?? `user-${randomUUID()}@example.test`,
    password,
    firstName: overrides.firstName ?? 'Test',
    lastName: 'User',
    roles: overrides.roles ?? [],
    emailVerified: true,
  });
  return { ...user, password };
}

export async function makeSpaApp(overrides: { redirectUris?: string[]; scopes?: string[]; skipConsent?: boolean } = {}) {
  await ensureSeeded();
  const redirectUris = overrides.redirectUris ?? [`https://app-${randomUUID().slice(0, 8)}.example.test/callback`];
  const app = await createApp({
    name: 'Test SPA',
    type: 'spa',
    redirectUris,
    scopes: overrides.scopes,
    skipConsent: overrides.skipConsent ?? false,
  });
  return { ...app, redirectUri: redirectUris[0]! };
}

export async function makeS2sApp(scopes: string[] = ['read_user']) {
  await ensureSeeded();
  const app = await createApp({ name: 'Test S2S', type: 's2s', scopes });
  return { ...app, clientSecret: app.clientSecret! };
}

export function makePkce() {
  const verifier = randomToken(48);
  return { verifier, challenge: s256(verifier) };
}

/** Query parameters of a valid authorization request for `app`. */
export function authorizeParams(
  app: { clientId: string; redirectUri: string },
  pkce: { challenge: string },
  extra: Record<string, string> = {},
): URLSearchParams {
  return new URLSearchParams({
    response_type: 'code',
    client_id: app.clientId,
    redirect_uri: app.redirectUri,
    scope: 'openid profile offline_access',
    state: randomToken(12),
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    ...extra,
  });
}
