import { findAppByClientId } from '@/lib/apps/service';
import { config } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { matchLocale } from '@/lib/config/locales';
import { OAuthErrors } from '@/lib/oauth/errors';
import { isUserSubject, signJwt, verifyAccessToken, verifyIdTokenHint } from '@/lib/oauth/jwt';
import { withQuery } from '@/lib/apps/redirect-uris';
import { revokeRefreshToken } from '@/lib/oauth/revocation';
import { expiredCookie, type CookieSpec } from '@/lib/flow';
import { SSO_COOKIE } from './cookies';
import { endSsoSession } from './sso-session';

/** Where a logout without a trusted post-logout URI ends: our own "signed out" page. */
export const LOGGED_OUT_PATH = '/identity/v1/logged-out';
/** Where a logout without a valid id_token_hint asks the user first (RP-Initiated Logout 1.0 §2). */
export const LOGOUT_CONFIRM_PATH = '/identity/v1/logout-confirm';

/**
 * An id_token_hint for our own redirects to the end-session endpoint (Melody's SDK logout, the
 * dashboard's): the caller proved the user (access token, admin session), so the browser is not
 * asked to confirm. Signed like an ID token, with only `sub` and `aud`, for 5 minutes.
 */
export function logoutHint(userId: string, clientId: string): Promise<string> {
  return signJwt({ sub: userId, aud: clientId }, { type: 'JWT', expiresIn: 300 });
}

/**
 * Melody's POST /identity/v1/logout: the SPA proves the user with its access token, its refresh
 * token is revoked (only if it belongs to that user and app: anything else is ignored, as on the
 * revocation endpoint), and the SPA is told where to send the browser to end the SSO session,
 * which this call cannot do (a cross-site fetch carries no SameSite=Lax cookie).
 */
export async function logoutFromApp(input: {
  accessToken: string;
  refreshToken?: string;
  postLogoutRedirectUri?: string;
}): Promise<{ success: true; redirectUri: string }> {
  const claims = await verifyAccessToken(input.accessToken);
  if (!isUserSubject(claims.sub)) throw new AppError(OAuthErrors.invalid_token, 'This access token has no user.');
  if (input.refreshToken) await revokeRefreshToken(input.refreshToken, { clientId: claims.client_id, userId: claims.sub }, 'logout');
  const redirectUri = withQuery(`${config().authServerUrl}/oauth2/v1/logout`, {
    post_logout_redirect_uri: input.postLogoutRedirectUri,
    client_id: claims.client_id,
    id_token_hint: await logoutHint(claims.sub, claims.client_id),
  });
  return { success: true, redirectUri };
}

export interface EndSessionRequest {
  idTokenHint?: string;
  clientId?: string;
  postLogoutRedirectUri?: string;
  state?: string;
  uiLocales?: string;
}

export interface EndSessionOutcome {
  location: string;
  cookies: CookieSpec[];
}

/**
 * OIDC RP-Initiated Logout 1.0 (GET/POST /oauth2/v1/logout). The session ends only for a valid
 * id_token_hint (an ID token we signed, whose audience agrees with client_id when both are sent),
 * or when the user confirmed on our own page (`confirmed`: a same-origin POST from it). Anything
 * else — a link or image on another site, a forged or mismatched hint — only leads to that
 * confirmation page (§2: the OP asks the End-User), so no site can sign a user out (issue 12
 * item 12). Redirecting happens only when the client is known (client_id or the hint's audience)
 * and post_logout_redirect_uri is one of its registered URIs, compared as exact strings (§3).
 * Otherwise our localized "signed out" page is shown.
 */
export async function endSession(request: EndSessionRequest, context: { ssoToken?: string; confirmed: boolean }): Promise<EndSessionOutcome> {
  const hint = request.idTokenHint ? await verifyIdTokenHint(request.idTokenHint) : null;
  const hintValid = hint !== null && (!request.clientId || request.clientId === hint.aud);
  if (!hintValid && !context.confirmed) {
    return {
      location: withQuery(`${config().authServerUrl}${LOGOUT_CONFIRM_PATH}`, {
        client_id: request.clientId,
        post_logout_redirect_uri: request.postLogoutRedirectUri,
        state: request.state,
        ui_locales: request.uiLocales,
        locale: preferredLocale(request.uiLocales),
      }),
      cookies: [],
    };
  }
  const hintTrusted = !request.idTokenHint || hintValid;

  const loggedOutOf = request.clientId ?? hint?.aud ?? null;
  if (context.ssoToken) await endSsoSession({ token: context.ssoToken }, loggedOutOf);
  // A cross-site POST carries no SameSite=Lax cookie: the signed hint still names the session.
  if (hint?.sid) await endSsoSession({ id: hint.sid, userId: hint.sub }, loggedOutOf);
  const cookies = context.ssoToken ? [expiredCookie(SSO_COOKIE, '/')] : [];

  const clientId = request.clientId ?? hint?.aud;
  const uri = request.postLogoutRedirectUri;
  if (hintTrusted && clientId && uri && (await isRegisteredPostLogoutUri(clientId, uri))) {
    return { location: withQuery(uri, { state: request.state }), cookies };
  }
  const locale = preferredLocale(request.uiLocales);
  return { location: withQuery(`${config().authServerUrl}${LOGGED_OUT_PATH}`, { locale }), cookies };
}

async function isRegisteredPostLogoutUri(clientId: string, uri: string): Promise<boolean> {
  const app = await findAppByClientId(clientId);
  return app !== null && app.isActive && app.postLogoutRedirectUris.includes(uri);
}

/** ui_locales is a space-separated preference list (OIDC Core §3.1.2.1); the first we support wins. */
function preferredLocale(uiLocales: string | undefined): string | undefined {
  for (const tag of (uiLocales ?? '').split(' ').filter(Boolean).slice(0, 10)) {
    const locale = matchLocale(tag, config().supportedLocales);
    if (locale) return locale;
  }
  return undefined;
}
