import { NextResponse, type NextRequest } from 'next/server';
import { adminSessionCookieName, expiredAdminSessionCookie, setAdminCookies } from '@/lib/admin/cookies';
import { CSRF_HEADER } from '@/lib/admin/csrf';
import { endAdminSession, findAdminSession } from '@/lib/admin/session';
import { ADMIN_HOME_PATH, SIGNED_OUT_STATE } from '@/lib/admin/sign-in';
import { DASHBOARD_CLIENT_ID } from '@/lib/apps/builtin';
import { config } from '@/lib/config';
import { safeEqual } from '@/lib/crypto/tokens';
import { isAppError } from '@/lib/errors';
import { NO_STORE } from '@/lib/http/errors';
import { readForm } from '@/lib/http/request';
import { logoutHint } from '@/lib/identity/logout';
import { withQuery } from '@/lib/apps/redirect-uris';

export const dynamic = 'force-dynamic';

/** The session's CSRF token from the X-Tessera-CSRF header or the form field `csrf`. */
async function submittedCsrfToken(request: NextRequest): Promise<string | null> {
  const header = request.headers.get(CSRF_HEADER);
  if (header) return header;
  if (!request.headers.get('content-type')?.toLowerCase().startsWith('application/x-www-form-urlencoded')) return null;
  try {
    return (await readForm(request, 4096)).get('csrf');
  } catch (error) {
    if (isAppError(error)) return null; // too large: no token was sent
    throw error;
  }
}

function refused(message: string) {
  return NextResponse.json({ error: 'csrf_check_failed', message }, { status: 403, headers: NO_STORE });
}

/**
 * Dashboard logout (a form POST from the dashboard): ends the admin session, revokes its refresh
 * token and SSO session, clears the cookie, then sends the browser through the RP-initiated
 * logout endpoint (which clears the SSO cookie) back to /admin, which says "signed out".
 * Same-origin only; a live session's CSRF token must be sent along.
 */
export async function POST(request: NextRequest) {
  if (request.headers.get('origin') !== config().serverOrigin) return refused('Logout must come from this server’s origin.');
  const token = request.cookies.get(adminSessionCookieName())?.value;
  const session = await findAdminSession(token);
  if (session) {
    const submitted = await submittedCsrfToken(request);
    if (!submitted || !safeEqual(submitted, session.csrfToken)) return refused('Logout needs the session’s CSRF token.');
  }
  await endAdminSession(token);
  const { authServerUrl } = config();
  const location = withQuery(`${authServerUrl}/oauth2/v1/logout`, {
    client_id: DASHBOARD_CLIENT_ID,
    // The session proved the user: no confirmation page (issue 12 item 12).
    id_token_hint: session ? await logoutHint(session.userId, DASHBOARD_CLIENT_ID) : undefined,
    post_logout_redirect_uri: `${authServerUrl}${ADMIN_HOME_PATH}`,
    state: SIGNED_OUT_STATE,
  });
  return setAdminCookies(NextResponse.redirect(location, { status: 303, headers: NO_STORE }), [expiredAdminSessionCookie()]);
}
