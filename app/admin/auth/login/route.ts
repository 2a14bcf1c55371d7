import { NextResponse, type NextRequest } from 'next/server';
import { setAdminCookies } from '@/lib/admin/cookies';
import { startAdminSignIn } from '@/lib/admin/sign-in';
import { NO_STORE } from '@/lib/http/errors';
import { LOCALE_HEADER } from '@/lib/config/locales';

export const dynamic = 'force-dynamic';

/**
 * Starts the dashboard's sign-in: PKCE, state and nonce in an encrypted cookie, then /authorize.
 * `policy` (the Account page's links) runs a hosted policy page on the way.
 */
export function GET(request: NextRequest) {
  const { location, cookie } = startAdminSignIn({
    returnTo: request.nextUrl.searchParams.get('returnTo'),
    locale: request.headers.get(LOCALE_HEADER),
    policy: request.nextUrl.searchParams.get('policy'),
  });
  return setAdminCookies(NextResponse.redirect(location, { status: 302, headers: NO_STORE }), [cookie]);
}
