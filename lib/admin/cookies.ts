import { config } from '@/lib/config';

// Cookies of the admin dashboard (a first-party OIDC client of this server, BFF pattern).
//
// The session cookie is SameSite=Strict: a cross-site page can neither send it with a request of
// any kind nor navigate the browser into using it; the dashboard's own pages and fetches are
// same-origin, so it never misses where it is needed. The one place Strict would bite, a
// navigation into /admin that started on another site, is handled by the page (admin-bounce).
// When AUTH_SERVER_URL is https the name carries the __Host- prefix: the browser then only accepts
// it Secure, for path / and without Domain, so no sibling subdomain can plant or shadow it.
//
// The pending sign-in cookie is SameSite=Lax: it must come back with the redirect from the
// authorization endpoint to the callback, a chain that may have started on another site.

export const ADMIN_SESSION_COOKIE = 'tessera_admin';
export const PENDING_SIGN_IN_COOKIE_PREFIX = 'tessera_admin_login_';
export const PENDING_SIGN_IN_COOKIE_PATH = '/admin/auth';

export function adminSessionCookieName(): string {
  return config().secureCookies ? `__Host-${ADMIN_SESSION_COOKIE}` : ADMIN_SESSION_COOKIE;
}

export interface AdminCookie {
  name: string;
  value: string;
  httpOnly: true;
  secure: boolean;
  sameSite: 'strict' | 'lax';
  path: string;
  /** Omitted: a browser-session cookie (the server enforces the session's own expiry). */
  maxAge?: number;
}

export function adminSessionCookie(token: string): AdminCookie {
  return { name: adminSessionCookieName(), value: token, httpOnly: true, secure: config().secureCookies, sameSite: 'strict', path: '/' };
}

export function expiredAdminSessionCookie(): AdminCookie {
  return { ...adminSessionCookie(''), maxAge: 0 };
}

export function pendingSignInCookie(name: string, value: string, maxAge: number): AdminCookie {
  return { name, value, httpOnly: true, secure: config().secureCookies, sameSite: 'lax', path: PENDING_SIGN_IN_COOKIE_PATH, maxAge };
}

/** Sets cookies on a response (NextResponse.cookies). */
export function setAdminCookies<T extends { cookies: { set: (name: string, value: string, options: object) => unknown } }>(target: T, cookies: readonly AdminCookie[]): T {
  for (const { name, value, ...options } of cookies) target.cookies.set(name, value, options);
  return target;
}
