import { config } from '@/lib/config';
import { decryptSecret, encryptSecret } from '@/lib/crypto/encryption';
import { randomToken, safeEqual, sha256 } from '@/lib/crypto/tokens';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { exchangeAuthorizationCode } from '@/lib/oauth/authorization-code';
import { s256 } from '@/lib/oauth/pkce';
import type { TestSignInFailure } from '@/lib/integration/test-sign-in-failures';
import { withQuery } from '@/lib/apps/redirect-uris';
import { hasScope } from '@/lib/access/scopes';
import type { AdminSessionView } from './session';
import { verifyIssuedIdToken } from './sign-in';

// "Test sign-in" on an app's Integrate tab: the dashboard runs the app's own authorization flow
// (authorization code + PKCE S256, state, nonce) in a popup and shows the ID token's claims.
//
// The redirect URI is a callback page of this server (TEST_SIGN_IN_CALLBACK_PATH). It is used
// only when the app lists it among its redirect URIs: an admin with write_app adds it explicitly
// from the tab (and can remove it); /authorize matches redirect URIs exactly, as for any client.
// Registering it hands nobody a code: the callback redeems a code only for a test that THIS
// dashboard session started in THIS browser — the pending test lives in a cookie encrypted with
// SECRET_KEY (the browser can neither read nor forge it) naming the admin session, the state,
// the nonce and the PKCE verifier, which never leaves the server. A code that arrives otherwise
// (a crafted authorization request sent to a victim, another admin's browser) is refused and
// never redeemed. The tokens never reach the browser: scope is `openid profile` (no refresh
// token), the access token is dropped, only the verified ID token's claims are shown.

export const TEST_SIGN_IN_START_PATH = '/admin/test-sign-in/start';
export const TEST_SIGN_IN_CALLBACK_PATH = '/admin/test-sign-in/callback';
export const TEST_SIGN_IN_RESULT_PATH = '/admin/test-sign-in/result';
export const TEST_SIGN_IN_COOKIE_PATH = '/admin/test-sign-in';
const PENDING_COOKIE_PREFIX = 'tessera_test_sign_in_';
export const TEST_SIGN_IN_RESULT_COOKIE = 'tessera_test_sign_in_result';

const PENDING_LIFETIME_SECONDS = 10 * 60;
/** The result page reads the outcome once, right after the callback. */
const RESULT_LIFETIME_SECONDS = 2 * 60;
const SCOPES = 'openid profile';
const PURPOSE = 'tessera-test-sign-in';

export function testSignInCallbackUrl(): string {
  return `${config().authServerUrl}${TEST_SIGN_IN_CALLBACK_PATH}`;
}

export class TestSignInError extends Error {
  constructor(
    readonly reason: TestSignInFailure,
    readonly detail = '',
  ) {
    super(`test sign-in failed: ${reason}${detail ? ` (${detail})` : ''}`);
  }
}

export interface TestSignInCookie {
  name: string;
  value: string;
  httpOnly: true;
  secure: boolean;
  /** Lax: the pending cookie comes back with the redirect from /authorize to the callback. */
  sameSite: 'lax' | 'strict';
  path: string;
  maxAge: number;
}

interface PendingTest {
  purpose: typeof PURPOSE;
  adminSessionId: string;
  appId: string;
  clientId: string;
  appName: string;
  state: string;
  nonce: string;
  verifier: string;
  /** Epoch seconds. */
  exp: number;
}

export interface TestSignInResult {
  /** '' when no pending test was found (nothing is known about the app then). */
  appId: string;
  appName: string;
  outcome: { ok: true; claims: Record<string, unknown> } | { ok: false; reason: TestSignInFailure; detail: string };
}

const cookie = (name: string, value: string, maxAge: number, sameSite: 'lax' | 'strict'): TestSignInCookie => ({
  name,
  value,
  httpOnly: true,
  secure: config().secureCookies,
  sameSite,
  path: TEST_SIGN_IN_COOKIE_PATH,
  maxAge,
});

export function pendingTestCookieName(state: string): string {
  return `${PENDING_COOKIE_PREFIX}${sha256(state).slice(0, 16)}`;
}

/** Whether the app lists the test callback among its redirect URIs. */
export function allowsTestSignIn(redirectUris: readonly string[]): boolean {
  return redirectUris.includes(testSignInCallbackUrl());
}

/**
 * GET /admin/test-sign-in/start?app=<id>: the authorization request for the app, and the cookie
 * that remembers it. Needs read_app; the app must be an active SPA listing the callback.
 */
export async function startTestSignIn(input: { session: AdminSessionView; appId: string; locale?: string | null }): Promise<{ location: string; cookie: TestSignInCookie }> {
  if (!hasScope(input.session.scopes, 'read_app')) throw new TestSignInError('not_allowed');
  const app = /^[0-9a-f-]{36}$/i.test(input.appId)
    ? await db.app.findUnique({ where: { id: input.appId }, select: { id: true, clientId: true, name: true, type: true, isActive: true, redirectUris: true } })
    : null;
  if (!app) throw new TestSignInError('app_not_found');
  if (app.type !== 'spa') throw new TestSignInError('not_spa');
  if (!app.isActive) throw new TestSignInError('app_inactive');
  if (!allowsTestSignIn(app.redirectUris)) throw new TestSignInError('callback_not_registered');

  const pending: PendingTest = {
    purpose: PURPOSE,
    adminSessionId: input.session.id,
    appId: app.id,
    clientId: app.clientId,
    appName: app.name,
    state: randomToken(24),
    nonce: randomToken(24),
    verifier: randomToken(48),
    exp: Math.floor(Date.now() / 1000) + PENDING_LIFETIME_SECONDS,
  };
  const location = withQuery(`${config().authServerUrl}/oauth2/v1/authorize`, {
    response_type: 'code',
    client_id: app.clientId,
    redirect_uri: testSignInCallbackUrl(),
    scope: SCOPES,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: s256(pending.verifier),
    code_challenge_method: 'S256',
    locale: input.locale ?? undefined,
  });
  return { location, cookie: cookie(pendingTestCookieName(pending.state), encryptSecret(JSON.stringify(pending)), PENDING_LIFETIME_SECONDS, 'lax') };
}

function readPending(sealed: string | undefined, state: string, session: AdminSessionView | null): PendingTest {
  if (!sealed || !session) throw new TestSignInError('no_pending_test');
  let pending: PendingTest;
  try {
    pending = JSON.parse(decryptSecret(sealed)) as PendingTest;
  } catch {
    throw new TestSignInError('no_pending_test', 'the pending test cookie is invalid');
  }
  if (
    pending.purpose !== PURPOSE ||
    typeof pending.state !== 'string' ||
    !safeEqual(pending.state, state) ||
    !(pending.exp > Date.now() / 1000) ||
    // started by another dashboard session (another admin, or before a new sign-in)
    pending.adminSessionId !== session.id
  ) {
    throw new TestSignInError('no_pending_test');
  }
  return pending;
}

/**
 * GET /admin/test-sign-in/callback: redeems the code of the pending test (PKCE), verifies the ID
 * token and returns the result for the result page (in a short-lived encrypted cookie). The caller
 * clears the pending cookie (pendingTestCookieName(state)) whatever happens.
 */
export async function completeTestSignIn(input: {
  session: AdminSessionView | null;
  query: URLSearchParams;
  readCookie: (name: string) => string | undefined;
}): Promise<{ result: TestSignInResult; cookie: TestSignInCookie | null }> {
  const state = input.query.get('state') ?? '';
  let pending: PendingTest;
  try {
    pending = readPending(state ? input.readCookie(pendingTestCookieName(state)) : undefined, state, input.session);
  } catch (caught) {
    if (!(caught instanceof TestSignInError)) throw caught;
    // Nothing is redeemed, and no app is named. Without a dashboard session there is no result cookie either.
    const result: TestSignInResult = { appId: '', appName: '', outcome: { ok: false, reason: caught.reason, detail: caught.detail } };
    return { result, cookie: input.session ? testSignInResultCookie(result, input.session) : null };
  }
  const failure = (reason: TestSignInFailure, detail = ''): TestSignInResult => ({ appId: pending.appId, appName: pending.appName, outcome: { ok: false, reason, detail } });
  let result: TestSignInResult;
  const error = input.query.get('error');
  const iss = input.query.get('iss');
  const code = input.query.get('code');
  if (error) {
    result = failure('authorization_failed', /^[a-z_]{1,50}$/.test(error) ? error : 'error');
  } else if ((iss !== null && iss !== config().issuer) || !code) {
    result = failure('invalid_response', 'no code from this issuer');
  } else {
    try {
      const tokens = await exchangeAuthorizationCode({ code, codeVerifier: pending.verifier, redirectUri: testSignInCallbackUrl(), clientId: pending.clientId });
      const claims = await verifyIssuedIdToken(tokens.id_token, { audience: pending.clientId, nonce: pending.nonce }, (message) => new TestSignInError('invalid_response', message));
      result = { appId: pending.appId, appName: pending.appName, outcome: { ok: true, claims } };
    } catch (caught) {
      if (!(caught instanceof TestSignInError) && !(caught instanceof AppError)) throw caught;
      result = failure('invalid_response', caught instanceof AppError ? caught.code : caught.detail);
    }
  }
  return { result, cookie: testSignInResultCookie(result, input.session!) };
}

/** The result, sealed for the result page of the same dashboard session (Strict: only this server's pages send it back). */
export function testSignInResultCookie(result: TestSignInResult, session: AdminSessionView): TestSignInCookie {
  const sealed = encryptSecret(JSON.stringify({ ...result, adminSessionId: session.id, exp: Math.floor(Date.now() / 1000) + RESULT_LIFETIME_SECONDS }));
  return cookie(TEST_SIGN_IN_RESULT_COOKIE, sealed, RESULT_LIFETIME_SECONDS, 'strict');
}

export function expiredTestSignInCookie(name: string): TestSignInCookie {
  return cookie(name, '', 0, 'lax');
}

/** The result page's read of the sealed result (null when there is none, it expired, was tampered with or belongs to another session). */
export function readTestSignInResult(sealed: string | undefined, session: AdminSessionView): TestSignInResult | null {
  if (!sealed) return null;
  try {
    const result = JSON.parse(decryptSecret(sealed)) as TestSignInResult & { exp: number; adminSessionId: string };
    const live = result.exp > Date.now() / 1000 && result.adminSessionId === session.id;
    return live ? { appId: result.appId, appName: result.appName, outcome: result.outcome } : null;
  } catch {
    return null;
  }
}

/** The start URL the Integrate tab opens in its popup. */
export function testSignInStartPath(appId: string): string {
  return `${TEST_SIGN_IN_START_PATH}?${new URLSearchParams({ app: appId })}`;
}
