import { decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { DASHBOARD_CLIENT_ID } from '@/lib/apps/builtin';
import { config, SIGNING_ALGORITHMS } from '@/lib/config';
import { decryptSecret, encryptSecret } from '@/lib/crypto/encryption';
import { randomToken, safeEqual, sha256 } from '@/lib/crypto/tokens';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { getVerificationKey } from '@/lib/keys';
import { exchangeAuthorizationCode } from '@/lib/oauth/authorization-code';
import { s256 } from '@/lib/oauth/pkce';
import { withQuery } from '@/lib/apps/redirect-uris';
import { PENDING_SIGN_IN_COOKIE_PREFIX, pendingSignInCookie, type AdminCookie } from './cookies';
import { AdminErrors } from './errors';
import { createAdminSession } from './session';

// Dashboard sign-in: the dashboard is a first-party OIDC client (tessera-admin) of this server,
// authorization code + PKCE, with the server as the client (BFF). The PKCE verifier, state and
// nonce live in a short-lived cookie encrypted with SECRET_KEY (AES-256-GCM: the browser can
// neither read nor forge it), one cookie per sign-in so two tabs can sign in at once. The
// callback redeems the code by calling the token service directly (no HTTP loopback), checks the
// ID token (signature, issuer, audience, expiry, nonce) and opens an admin session.

export const ADMIN_HOME_PATH = '/admin';
export const ADMIN_LOGIN_PATH = '/admin/auth/login';
export const ADMIN_CALLBACK_PATH = '/admin/auth/callback';
export const ADMIN_LOGOUT_PATH = '/admin/auth/logout';
export const ADMIN_SIGN_IN_ERROR_PATH = '/admin/auth/error';
/** The `state` the RP-initiated logout hands back to /admin: the page then says "signed out". */
export const SIGNED_OUT_STATE = 'signed_out';

/**
 * Policies the dashboard's Account page starts for the signed-in admin (the hosted policy pages
 * of lib/identity/policies): /admin/auth/login?policy=<name> signs in again through that page and
 * comes back with a fresh session. Others (delete_account, change_org) are not offered there.
 */
export const ACCOUNT_POLICIES = ['update_info', 'change_password', 'change_email', 'manage_sessions', 'reset_mfa', 'manage_passkey', 'manage_recovery_code'] as const;
export type AccountPolicy = (typeof ACCOUNT_POLICIES)[number];

export function isAccountPolicy(value: unknown): value is AccountPolicy {
  return typeof value === 'string' && (ACCOUNT_POLICIES as readonly string[]).includes(value);
}

const PENDING_LIFETIME_SECONDS = 10 * 60;
const DASHBOARD_SCOPES = 'openid profile offline_access';
const PURPOSE = 'tessera-admin-sign-in';

interface PendingSignIn {
  purpose: typeof PURPOSE;
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  /** Epoch seconds. */
  exp: number;
}

export function adminCallbackUrl(): string {
  return `${config().authServerUrl}${ADMIN_CALLBACK_PATH}`;
}

/**
 * Where to go after sign-in: a dashboard path (/admin or below, not /admin/auth/*) of this server,
 * else /admin. Never another origin (no open redirect).
 */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return ADMIN_HOME_PATH;
  let url: URL;
  try {
    url = new URL(value, config().serverOrigin);
  } catch {
    return ADMIN_HOME_PATH;
  }
  if (url.origin !== config().serverOrigin) return ADMIN_HOME_PATH;
  const inDashboard = url.pathname === ADMIN_HOME_PATH || url.pathname.startsWith(`${ADMIN_HOME_PATH}/`);
  if (!inDashboard || url.pathname.startsWith('/admin/auth/') || url.pathname === '/admin/auth') return ADMIN_HOME_PATH;
  return `${url.pathname}${url.search}`;
}

export function pendingSignInCookieName(state: string): string {
  return `${PENDING_SIGN_IN_COOKIE_PREFIX}${sha256(state).slice(0, 16)}`;
}

/**
 * GET /admin/auth/login: the authorization request and the cookie that remembers it. `policy`
 * (one of ACCOUNT_POLICIES, anything else is ignored) runs that hosted policy page after sign-in.
 */
export function startAdminSignIn(input: { returnTo?: string | null; locale?: string | null; policy?: string | null } = {}): { location: string; cookie: AdminCookie } {
  const pending: PendingSignIn = {
    purpose: PURPOSE,
    state: randomToken(24),
    nonce: randomToken(24),
    verifier: randomToken(48),
    returnTo: safeReturnTo(input.returnTo),
    exp: Math.floor(Date.now() / 1000) + PENDING_LIFETIME_SECONDS,
  };
  const location = withQuery(`${config().authServerUrl}/oauth2/v1/authorize`, {
    response_type: 'code',
    client_id: DASHBOARD_CLIENT_ID,
    redirect_uri: adminCallbackUrl(),
    scope: DASHBOARD_SCOPES,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: s256(pending.verifier),
    code_challenge_method: 'S256',
    locale: input.locale ?? undefined,
    policy: isAccountPolicy(input.policy) ? input.policy : undefined,
  });
  const cookie = pendingSignInCookie(pendingSignInCookieName(pending.state), encryptSecret(JSON.stringify(pending)), PENDING_LIFETIME_SECONDS);
  return { location, cookie };
}

const failed = (message: string) => new AppError(AdminErrors.admin_sign_in_failed, message);

function readPending(sealed: string | undefined, state: string): PendingSignIn {
  if (!sealed) throw failed('No sign-in is pending in this browser (it expired, or it was started elsewhere).');
  let pending: PendingSignIn;
  try {
    pending = JSON.parse(decryptSecret(sealed)) as PendingSignIn;
  } catch {
    throw failed('The pending sign-in cookie is invalid.');
  }
  if (pending.purpose !== PURPOSE || typeof pending.state !== 'string' || !safeEqual(pending.state, state)) {
    throw failed('state does not match the pending sign-in.');
  }
  if (!(pending.exp > Date.now() / 1000)) throw failed('The pending sign-in has expired.');
  return pending;
}

/**
 * Verifies an ID token this server issued to `audience` for one sign-in: our signature and
 * issuer, that client as audience, not expired, the nonce we sent. Returns its claims; throws
 * `fail(message)` otherwise. Shared by the dashboard's sign-in and the apps' test sign-in.
 */
export async function verifyIssuedIdToken(idToken: string | undefined, expected: { audience: string; nonce: string }, fail: (message: string) => Error): Promise<JWTPayload & { sub: string }> {
  if (!idToken) throw fail('No ID token was issued.');
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(idToken).kid;
  } catch {
    throw fail('The ID token is malformed.');
  }
  const key = kid ? await getVerificationKey(kid) : undefined;
  if (!key) throw fail('The ID token was not signed by a current key.');
  try {
    const { payload } = await jwtVerify(idToken, key, {
      issuer: config().issuer,
      audience: expected.audience,
      algorithms: [...SIGNING_ALGORITHMS],
      typ: 'JWT',
      requiredClaims: ['sub', 'exp', 'iat', 'nonce'],
    });
    if (typeof payload.sub !== 'string' || typeof payload.nonce !== 'string' || !safeEqual(payload.nonce, expected.nonce)) throw new Error('nonce');
    return payload as JWTPayload & { sub: string };
  } catch {
    throw fail('The ID token is invalid, expired or was not issued for this sign-in (nonce).');
  }
}

export interface AdminSignInResult {
  /** Where the browser goes next (a dashboard path). */
  location: string;
  sessionToken: string;
  sessionId: string;
}

/**
 * GET /admin/auth/callback. `readCookie` reads the request's cookies; the caller clears the
 * pending cookie (pendingSignInCookieName(state)) whatever the outcome. Throws
 * admin_sign_in_failed (or the authorization response's own error code, as the message).
 */
export async function completeAdminSignIn(input: {
  query: URLSearchParams;
  readCookie: (name: string) => string | undefined;
  userAgent: string;
  ip: string;
}): Promise<AdminSignInResult> {
  const { query } = input;
  const state = query.get('state');
  if (!state) throw failed('state is missing.');
  const pending = readPending(input.readCookie(pendingSignInCookieName(state)), state);
  const iss = query.get('iss');
  if (iss !== null && iss !== config().issuer) throw failed('The authorization response comes from another issuer.');
  const error = query.get('error');
  if (error) throw failed(`The authorization server answered ${error.slice(0, 100)}.`);
  const code = query.get('code');
  if (!code) throw failed('code is missing.');

  const tokens = await exchangeAuthorizationCode({
    code,
    codeVerifier: pending.verifier,
    redirectUri: adminCallbackUrl(),
    clientId: DASHBOARD_CLIENT_ID,
  });
  const claims = await verifyIssuedIdToken(tokens.id_token, { audience: DASHBOARD_CLIENT_ID, nonce: pending.nonce }, failed);
  const refreshToken = tokens.refresh_token
    ? await db.refreshToken.findUnique({ where: { tokenHash: sha256(tokens.refresh_token) }, select: { id: true, expiresAt: true } })
    : null;
  const ssoSession = typeof claims.sid === 'string' ? await db.ssoSession.findFirst({ where: { id: claims.sid, userId: claims.sub }, select: { id: true } }) : null;
  const session = await createAdminSession({
    userId: claims.sub,
    refreshToken,
    ssoSessionId: ssoSession?.id ?? null,
    userAgent: input.userAgent,
    ip: input.ip,
  });
  return { location: pending.returnTo, sessionToken: session.token, sessionId: session.id };
}
