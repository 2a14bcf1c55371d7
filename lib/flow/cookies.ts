import { config } from '@/lib/config';

// The in-progress request of the hosted pages is bound to the browser that started it: the URL
// names the request, a cookie holds a secret whose hash the request row stores. One cookie per
// request, so several tabs can sign in at once. (Embedded sessions carry no cookie: their id is
// the secret.)
export const REQUEST_COOKIE_PREFIX = 'tessera_ar_';
export const REQUEST_COOKIE_PATH = '/identity/v1';

export interface CookieSpec {
  name: string;
  value: string;
  httpOnly: true;
  secure: boolean;
  sameSite: 'lax';
  path: string;
  maxAge: number;
}

export function requestCookieName(requestId: string): string {
  return `${REQUEST_COOKIE_PREFIX}${requestId}`;
}

/** The requests a browser is bound to, from its cookies: `{ requestId, bindingSecret }` of each request cookie. */
export function boundRequestsOf(cookies: ReadonlyArray<{ name: string; value: string }>): Array<{ requestId: string; bindingSecret: string }> {
  return cookies
    .filter((cookie) => cookie.name.startsWith(REQUEST_COOKIE_PREFIX) && cookie.value)
    .map((cookie) => ({ requestId: cookie.name.slice(REQUEST_COOKIE_PREFIX.length), bindingSecret: cookie.value }));
}

export function requestCookie(requestId: string, secret: string, maxAge: number): CookieSpec {
  return { name: requestCookieName(requestId), value: secret, httpOnly: true, secure: config().secureCookies, sameSite: 'lax', path: REQUEST_COOKIE_PATH, maxAge };
}

export function expiredCookie(name: string, path: string): CookieSpec {
  return { name, value: '', httpOnly: true, secure: config().secureCookies, sameSite: 'lax', path, maxAge: 0 };
}
