import { config } from '@/lib/config';
import type { CookieSpec } from '@/lib/flow';

// The SSO session cookie: a browser signed in once is signed in for every app until the session
// ends (lib/identity/sso-session.ts). The per-request binding cookie is the flow core's
// (lib/flow/cookies.ts).
export const SSO_COOKIE = 'tessera_session';

export function ssoCookie(token: string, maxAge: number): CookieSpec {
  return { name: SSO_COOKIE, value: token, httpOnly: true, secure: config().secureCookies, sameSite: 'lax', path: '/', maxAge };
}
