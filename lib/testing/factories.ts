// Small builders for test fixtures. Each call makes fresh, unique data in the test file's own
// database schema.
import { randomUUID } from 'node:crypto';
import { createApp } from '@/lib/apps/service';
import type { FlowOutcome } from '@/lib/flow';
import { decideConsent } from '@/lib/identity/consent';
import { SSO_COOKIE } from '@/lib/identity/cookies';
import { signInWithPassword } from '@/lib/identity/sign-in';
import { startAuthorization } from '@/lib/sign-in/start';
import { handleTokenRequest } from '@/lib/oauth/token-endpoint';
import { s256 } from '@/lib/oauth/pkce';
import { randomToken } from '@/lib/crypto/tokens';
import { seed } from '@/lib/seed';
import { createUser } from '@/lib/users/service';
import { browserFrom } from './flows';

let seeded: Promise<unknown> | undefined;

/** Built-in scopes, roles and apps; once per test file. */
export function ensureSeeded() {
  seeded ??= seed();
  return seeded;
}

export async function makeUser(overrides: { email?: string; password?: string; roles?: string[]; firstName?: string } = {}) {
  await ensureSeeded();
  // Upper, lower, digit and symbol always present: the random part alone sometimes lacked a digit,
  // and tests reusing the password on the self-service pages then failed with weak_password.
  const password = overrides.password ?? `Pw-7${randomToken(9)}`;
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

export async function makeSpaApp(
  overrides: { redirectUris?: string[]; postLogoutRedirectUris?: string[]; scopes?: string[]; skipConsent?: boolean; allowDeviceFlow?: boolean } = {},
) {
  await ensureSeeded();
  const redirectUris = overrides.redirectUris ?? [`https://app-${randomUUID().slice(0, 8)}.example.test/callback`];
  const app = await createApp({
    name: 'Test SPA',
    type: 'spa',
    redirectUris,
    postLogoutRedirectUris: overrides.postLogoutRedirectUris,
    scopes: overrides.scopes,
    skipConsent: overrides.skipConsent ?? false,
    allowDeviceFlow: overrides.allowDeviceFlow ?? false,
  });
  return { ...app, redirectUri: redirectUris[0]! };
}

export async function makeS2sApp(scopes: string[] = ['read_user'], options: { allowIntrospection?: boolean } = {}) {
  await ensureSeeded();
  const app = await createApp({ name: 'Test S2S', type: 's2s', scopes, allowIntrospection: options.allowIntrospection });
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

/**
 * Runs the real sign-in flow for `user` at `app` (password, consent when asked; reusing the SSO
 * session when `ssoToken` is live) and redeems the code. Returns the tokens and the SSO cookie.
 */
export async function issueUserTokens(
  app: { clientId: string; redirectUri: string },
  user: { email: string | null; password: string },
  context: { ssoToken?: string } = {},
) {
  const pkce = makePkce();
  let outcome: FlowOutcome = await startAuthorization(authorizeParams(app, pkce), context);
  let ssoToken = context.ssoToken;
  const browser = browserFrom(outcome);
  if (new URL(outcome.location).pathname === '/identity/v1/sign-in') {
    const signedIn = await signInWithPassword(browser, { email: user.email!, password: user.password });
    ssoToken = signedIn.cookies.find((cookie) => cookie.name === SSO_COOKIE)?.value ?? ssoToken;
    outcome = signedIn;
  }
  if (new URL(outcome.location).pathname === '/identity/v1/consent') outcome = await decideConsent(browser, 'allow');
  const code = new URL(outcome.location).searchParams.get('code');
  if (!code) throw new Error(`The flow did not return a code: ${outcome.location}`);
  const tokens = await handleTokenRequest(new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: pkce.verifier }), null);
  return { tokens, ssoToken };
}
