import { NextResponse, type NextRequest } from 'next/server';
import { config } from '@/lib/config';
import { isAppError } from '@/lib/errors';
import { applyCookies, clientIp, userAgent } from '@/lib/http/request';
import { requestCookieName } from '@/lib/identity/cookies';
import { completeMagicLink } from '@/lib/identity/passwordless';
import { withQuery } from '@/lib/oauth/redirect-uris';
import { endsRequest } from '@/components/identity/error-codes';

export const dynamic = 'force-dynamic';

const NO_STORE = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };

/**
 * The passwordless email's link (USE_PASSWORDLESS_AS_MAGIC_LINK): `?request=…&token=…`. In the
 * browser that started the request (binding cookie, sent on this top-level navigation as it is
 * SameSite=Lax), signs in and continues the flow (303 to the next step or the app). Anywhere else,
 * or when the link is used up, a page explains — and nothing is consumed for another browser.
 */
export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const requestId = params.get('request') ?? '';
  const locale = params.get('locale') ?? undefined;
  const base = `${config().authServerUrl}/identity/v1`;
  try {
    const outcome = await completeMagicLink(
      { requestId, bindingSecret: request.cookies.get(requestCookieName(requestId))?.value, userAgent: userAgent(request), ip: clientIp(request) },
      params.get('token') ?? '',
    );
    return applyCookies(NextResponse.redirect(outcome.location, { status: 303, headers: NO_STORE }), outcome.cookies);
  } catch (error) {
    if (!isAppError(error)) throw error;
    const target =
      endsRequest(error.code)
        ? withQuery(`${base}/auth-code-expired`, { request: requestId, locale })
        : withQuery(`${base}/error`, {
            code: error.code === 'magic_link_other_browser' || error.code === 'too_many_requests' ? error.code : 'magic_link_invalid',
            locale,
          });
    return NextResponse.redirect(target, { status: 303, headers: NO_STORE });
  }
}
