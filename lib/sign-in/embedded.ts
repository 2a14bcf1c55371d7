// The Embedded Auth API's adapter over the sign-in machine (Melody's /embedded-auth/v1, contract
// §2.4): an app draws its own sign-in screens and drives the same steps over JSON. The session id
// is the request's secret: 32 random bytes (256 bits), stored only as its SHA-256 (the request's
// bindingHash), living AUTHORIZATION_CODE_EXPIRES_IN from its last step. When the last step is
// done the session becomes an authorization code whose value is the session id: token-exchange
// redeems it with the PKCE verifier through the same service as /oauth2/v1/token.
//
// Rules:
// - On only while EMBEDDED_AUTH_ORIGINS is set (404 embedded_auth_disabled otherwise).
// - A browser's Origin must be AUTH_SERVER_URL's or one of EMBEDDED_AUTH_ORIGINS (403
//   forbidden_origin); CORS answers exactly those origins, with credentials (remembered MFA
//   devices are cookies). Requests without Origin (native apps, servers) are accepted, as in
//   Melody: a browser page always sends one, so a foreign page cannot drive a session.
// - initiate: an active SPA client; the redirect URI one of its registered URIs or one of
//   EMBEDDED_AUTH_ORIGINS; scopes among the client's (invalid_scope otherwise, as /authorize);
//   PKCE S256 (plain only with ENABLE_PLAIN_PKCE_METHOD); the locale among SUPPORTED_LOCALES.
import { randomBytes } from 'node:crypto';
import { findAppByClientId } from '@/lib/apps/service';
import { config } from '@/lib/config';
import { sha256 } from '@/lib/crypto/tokens';
import { db } from '@/lib/db';
import { AppError, CommonErrors, defineErrors } from '@/lib/errors';
import { FlowErrors, startFlow, type FlowContext } from '@/lib/flow';
import { exchangeAuthorizationCode } from '@/lib/oauth/authorization-code';
import { pickLocale } from '@/lib/oauth/authorize-request';
import { isValidCodeChallenge, type PkceMethod } from '@/lib/oauth/pkce';
import { isRegisteredRedirectUri } from '@/lib/apps/redirect-uris';
import { exchangeRefreshToken } from '@/lib/oauth/refresh-token';
import { revokeRefreshToken } from '@/lib/oauth/revocation';
import type { TokenResponse } from '@/lib/oauth/tokens';
import { signInMachine } from './machine';

export const EmbeddedErrors = defineErrors({
  embedded_auth_disabled: { status: 404, message: 'The Embedded Auth API is off: set EMBEDDED_AUTH_ORIGINS to turn it on.' },
  invalid_client: { status: 400, message: 'Unknown, inactive or non-SPA client.' },
  invalid_redirect_uri: { status: 400, message: 'The redirect URI is neither registered for this client nor one of EMBEDDED_AUTH_ORIGINS.' },
  invalid_scope: { status: 400, message: 'A requested scope is not allowed for this client.' },
  invalid_code_challenge: { status: 400, message: 'code_challenge must be a PKCE S256 challenge.' },
  sign_in_not_finished: { status: 409, message: 'The session has steps left: finish them before token-exchange.' },
  method_not_allowed: { status: 405, message: 'This path does not take this method.' },
});

export function embeddedAuthEnabled(): boolean {
  return config().embeddedAuthOrigins.length > 0;
}

/** The origins whose pages may call the API: AUTH_SERVER_URL's and EMBEDDED_AUTH_ORIGINS. */
export function embeddedOrigins(): string[] {
  const settings = config();
  return [settings.serverOrigin, ...settings.embeddedAuthOrigins];
}

/** Refuses the call when the API is off, or when a browser sends a foreign Origin. */
export function checkEmbeddedCaller(origin: string | null): void {
  if (!embeddedAuthEnabled()) throw new AppError(EmbeddedErrors.embedded_auth_disabled);
  if (origin !== null && !embeddedOrigins().includes(origin)) throw new AppError(CommonErrors.forbidden_origin);
}

/** The CORS headers for `origin`: only for an allowed origin, never `*`. */
export function embeddedCorsHeaders(origin: string | null): Record<string, string> {
  if (!origin || !embeddedAuthEnabled() || !embeddedOrigins().includes(origin)) return { Vary: 'Origin' };
  return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' };
}

/** The flow context of an embedded call on session `sessionId`. */
export function embeddedContext(sessionId: string, meta: { ip: string; userAgent: string; cookie?: (name: string) => string | undefined }): FlowContext {
  return { machine: signInMachine, sessionId, ip: meta.ip, userAgent: meta.userAgent, cookie: meta.cookie };
}

export interface InitiateInput {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  codeChallengeMethod: string;
  scopes: string[];
  locale?: string;
  org?: string;
}

/** POST /initiate: a new session at its first step. */
export async function initiateEmbeddedSession(input: InitiateInput): Promise<{ sessionId: string; nextStep: string }> {
  const settings = config();
  const app = await findAppByClientId(input.clientId);
  if (!app || !app.isActive || app.type !== 'spa') throw new AppError(EmbeddedErrors.invalid_client, undefined, { clientId: 'invalid_client' });
  const redirectUri = input.redirectUri.replace(/\/+$/, '');
  if (!isRegisteredRedirectUri(input.redirectUri, app.redirectUris) && !settings.embeddedAuthOrigins.includes(redirectUri)) {
    throw new AppError(EmbeddedErrors.invalid_redirect_uri, undefined, { redirectUri: 'invalid_redirect_uri' });
  }
  const method = input.codeChallengeMethod as PkceMethod;
  if ((method !== 'S256' && !(method === 'plain' && settings.enablePlainPkceMethod)) || !isValidCodeChallenge(input.codeChallenge, method)) {
    throw new AppError(EmbeddedErrors.invalid_code_challenge, undefined, { codeChallenge: 'invalid_code_challenge' });
  }
  const scopes = [...new Set(input.scopes.map((scope) => scope.trim().toLowerCase()).filter(Boolean))];
  const disallowed = scopes.filter((scope) => !app.scopeNames.includes(scope));
  if (!scopes.length || disallowed.length) throw new AppError(EmbeddedErrors.invalid_scope, undefined, { scopes: 'invalid_scope' });

  const sessionId = randomBytes(32).toString('base64url');
  const row = await db.authorizationRequest.create({
    include: { app: true },
    data: {
      appId: app.id,
      surface: 'embedded',
      bindingHash: sha256(sessionId),
      redirectUri: input.redirectUri,
      scopes,
      state: '',
      codeChallenge: input.codeChallenge,
      codeChallengeMethod: method,
      locale: pickLocale(input.locale, undefined, undefined),
      orgSlug: input.org ?? '',
      expiresAt: new Date(Date.now() + settings.authorizationCodeExpiresIn * 1000),
    },
  });
  const started = await startFlow(embeddedContext(sessionId, { ip: '', userAgent: '' }), row);
  return { sessionId, nextStep: started.next! };
}

/**
 * POST /token-exchange: the finished session's code (its id) and the PKCE verifier → the token
 * response of /oauth2/v1/token (same service: single use, replay revokes, app and user active).
 */
export async function exchangeEmbeddedSession(input: { sessionId: string; codeVerifier: string }): Promise<TokenResponse> {
  const pending = await db.authorizationRequest.findFirst({ where: { bindingHash: sha256(input.sessionId), surface: 'embedded' }, select: { expiresAt: true } });
  if (pending) {
    if (pending.expiresAt.getTime() <= Date.now()) throw new AppError(FlowErrors.session_expired);
    throw new AppError(EmbeddedErrors.sign_in_not_finished);
  }
  return exchangeAuthorizationCode({ code: input.sessionId, codeVerifier: input.codeVerifier });
}

/** POST /token-refresh: the refresh_token grant. */
export function refreshEmbeddedTokens(input: { refreshToken: string }): Promise<TokenResponse> {
  return exchangeRefreshToken({ refreshToken: input.refreshToken });
}

/** POST /sign-out: revokes the refresh token (and its rotation family) if it belongs to `clientId`. */
export function signOutEmbedded(input: { refreshToken: string; clientId: string }): Promise<void> {
  return revokeRefreshToken(input.refreshToken, { clientId: input.clientId }, 'logout');
}
