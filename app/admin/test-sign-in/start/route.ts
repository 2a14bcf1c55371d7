import { NextResponse, type NextRequest } from 'next/server';
import { adminSessionCookieName, setAdminCookies } from '@/lib/admin/cookies';
import { findAdminSession } from '@/lib/admin/session';
import { ADMIN_LOGIN_PATH } from '@/lib/admin/sign-in';
import { startTestSignIn, TestSignInError, TEST_SIGN_IN_RESULT_PATH } from '@/lib/admin/test-sign-in';
import { config } from '@/lib/config';
import { NO_STORE } from '@/lib/http/errors';
import { LOCALE_HEADER } from '@/lib/config/locales';
import { withQuery } from '@/lib/apps/redirect-uris';

export const dynamic = 'force-dynamic';

/** Opened in the Integrate tab's popup: the app's authorization request (PKCE, state, nonce in an encrypted cookie). */
export async function GET(request: NextRequest) {
  const session = await findAdminSession(request.cookies.get(adminSessionCookieName())?.value, { touch: true });
  if (!session) return NextResponse.redirect(new URL(ADMIN_LOGIN_PATH, config().authServerUrl), { status: 303, headers: NO_STORE });
  try {
    const { location, cookie } = await startTestSignIn({
      session,
      appId: request.nextUrl.searchParams.get('app') ?? '',
      locale: request.headers.get(LOCALE_HEADER),
    });
    return setAdminCookies(NextResponse.redirect(location, { status: 303, headers: NO_STORE }), [cookie]);
  } catch (error) {
    if (!(error instanceof TestSignInError)) throw error;
    const location = withQuery(`${config().authServerUrl}${TEST_SIGN_IN_RESULT_PATH}`, { reason: error.reason });
    return NextResponse.redirect(location, { status: 303, headers: NO_STORE });
  }
}
