// Test helpers for the admin dashboard's session: the real sign-in (authorize → hosted password
// sign-in → callback) or, for API tests that need many sessions, a session row made directly.
import { SSO_COOKIE } from '@/lib/identity/cookies';
import { signInWithPassword } from '@/lib/identity/sign-in';
import { startAuthorization } from '@/lib/sign-in/start';
import { browserFrom } from '@/lib/testing/flows';
import { createAdminSession } from './session';
import { completeAdminSignIn, startAdminSignIn } from './sign-in';
import { db } from '@/lib/db';

export interface TestAdminSession {
  id: string;
  /** Value of the session cookie. */
  cookie: string;
  csrfToken: string;
  /** The SSO cookie of the sign-in (real sign-ins only). */
  ssoToken?: string;
}

/** An admin session for `userId` without the OIDC round trip (no refresh token, no SSO session). */
export async function makeAdminSession(userId: string): Promise<TestAdminSession> {
  const session = await createAdminSession({ userId, userAgent: 'vitest', ip: '' });
  const row = await db.adminSession.findUniqueOrThrow({ where: { id: session.id } });
  return { id: session.id, cookie: session.token, csrfToken: row.csrfToken };
}

/**
 * Signs `user` in to the dashboard the way a browser does: GET /admin/auth/login's authorization
 * request, the hosted password sign-in, then the callback with the pending sign-in cookie.
 */
export async function signInToDashboard(user: { email: string | null; password: string }, options: { returnTo?: string } = {}) {
  const started = startAdminSignIn({ returnTo: options.returnTo });
  const authorize = new URL(started.location);
  let outcome = await startAuthorization(authorize.searchParams, {});
  const browser = browserFrom(outcome);
  outcome = await signInWithPassword(browser, { email: user.email!, password: user.password });
  const ssoToken = outcome.cookies.find((cookie) => cookie.name === SSO_COOKIE)?.value;
  const callback = new URL(outcome.location);
  const result = await completeAdminSignIn({
    query: callback.searchParams,
    readCookie: (name) => (name === started.cookie.name ? started.cookie.value : undefined),
    userAgent: 'vitest',
    ip: '',
  });
  const row = await db.adminSession.findUniqueOrThrow({ where: { id: result.sessionId } });
  return { id: result.sessionId, cookie: result.sessionToken, csrfToken: row.csrfToken, ssoToken, location: result.location, callback, pending: started };
}
