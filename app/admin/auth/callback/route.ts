import { NextResponse, type NextRequest } from 'next/server';
import { adminSessionCookie, adminSessionCookieName, pendingSignInCookie, setAdminCookies } from '@/lib/admin/cookies';
import { endAdminSession } from '@/lib/admin/session';
import { ADMIN_SIGN_IN_ERROR_PATH, completeAdminSignIn, pendingSignInCookieName } from '@/lib/admin/sign-in';
import { config } from '@/lib/config';
import { isAppError } from '@/lib/errors';
import { NO_STORE } from '@/lib/http/errors';
import { clientIp, userAgent } from '@/lib/http/request';
import { withQuery } from '@/lib/apps/redirect-uris';

export const dynamic = 'force-dynamic';

/**
 * The dashboard's redirect URI: redeems the code server-side, opens the admin session (cookie)
 * and goes on to the dashboard. The pending sign-in cookie is cleared whatever happens.
 */
export async function GET(request: NextRequest) {
  const query = request.nextUrl.searchParams;
  const state = query.get('state');
  const cleared = state ? [pendingSignInCookie(pendingSignInCookieName(state), '', 0)] : [];
  try {
    const result = await completeAdminSignIn({
      query,
      readCookie: (name) => request.cookies.get(name)?.value,
      userAgent: userAgent(request),
      ip: clientIp(request),
    });
    // The new session replaces one this browser may still hold (its SSO session is kept: it may
    // be the one just used).
    await endAdminSession(request.cookies.get(adminSessionCookieName())?.value, { endSsoSession: false });
    const location = new URL(result.location, config().authServerUrl);
    return setAdminCookies(NextResponse.redirect(location, { status: 303, headers: NO_STORE }), [...cleared, adminSessionCookie(result.sessionToken)]);
  } catch (error) {
    if (!isAppError(error)) console.error('[tessera] admin sign-in failed', error);
    const authorizeError = query.get('error');
    const reason = authorizeError && /^[a-z_]{1,50}$/.test(authorizeError) ? authorizeError : isAppError(error) ? error.code : 'server_error';
    const location = withQuery(`${config().authServerUrl}${ADMIN_SIGN_IN_ERROR_PATH}`, { reason });
    return setAdminCookies(NextResponse.redirect(location, { status: 303, headers: NO_STORE }), cleared);
  }
}
