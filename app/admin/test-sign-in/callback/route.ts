import { NextResponse, type NextRequest } from 'next/server';
import { adminSessionCookieName, setAdminCookies } from '@/lib/admin/cookies';
import { findAdminSession } from '@/lib/admin/session';
import { completeTestSignIn, expiredTestSignInCookie, pendingTestCookieName, TEST_SIGN_IN_RESULT_PATH } from '@/lib/admin/test-sign-in';
import { config } from '@/lib/config';
import { NO_STORE } from '@/lib/http/errors';

export const dynamic = 'force-dynamic';

/**
 * The loopback redirect URI of the apps' test sign-in: redeems the code of a test this dashboard
 * session started (refused otherwise), then shows the result page. The code never reaches a page:
 * no Referer leaves this response, and the pending cookie is cleared whatever happens.
 */
export async function GET(request: NextRequest) {
  const query = request.nextUrl.searchParams;
  const session = await findAdminSession(request.cookies.get(adminSessionCookieName())?.value, { touch: true });
  const { result, cookie } = await completeTestSignIn({ session, query, readCookie: (name) => request.cookies.get(name)?.value });
  const state = query.get('state');
  const cookies = [...(state ? [expiredTestSignInCookie(pendingTestCookieName(state))] : []), ...(cookie ? [cookie] : [])];
  const location = new URL(TEST_SIGN_IN_RESULT_PATH, config().authServerUrl);
  if (!cookie && !result.outcome.ok) location.searchParams.set('reason', result.outcome.reason);
  const response = NextResponse.redirect(location, { status: 303, headers: { ...NO_STORE, 'Referrer-Policy': 'no-referrer' } });
  return setAdminCookies(response, cookies);
}
