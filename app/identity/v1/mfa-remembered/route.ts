import { NextResponse, type NextRequest } from 'next/server';
import { config } from '@/lib/config';
import { isAppError } from '@/lib/errors';
import { applyCookies, clientIp, userAgent } from '@/lib/http/request';
import { requestCookieName } from '@/lib/identity/cookies';
import { passWithRememberedDevice } from '@/lib/mfa/flow-steps';
import { rememberCookieName } from '@/lib/mfa/remember-device';
import { withQuery } from '@/lib/oauth/redirect-uris';
import { endsRequest } from '@/components/identity/error-codes';

export const dynamic = 'force-dynamic';

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * `?request=…`: an MFA step page found this browser's remembered device for the step's factor and
 * sent it here; the step is passed with it and the flow continues (303). A GET because it is a
 * redirect hop; it can only move this browser's own request (binding cookie) past a factor the
 * same browser remembers, so a cross-site link gains nothing.
 */
export async function GET(request: NextRequest) {
  const requestId = request.nextUrl.searchParams.get('request') ?? '';
  const base = `${config().authServerUrl}/identity/v1`;
  try {
    const outcome = await passWithRememberedDevice(
      { requestId, bindingSecret: request.cookies.get(requestCookieName(requestId))?.value, userAgent: userAgent(request), ip: clientIp(request) },
      (type) => request.cookies.get(rememberCookieName(type))?.value,
    );
    return applyCookies(NextResponse.redirect(outcome.location, { status: 303, headers: NO_STORE }), outcome.cookies);
  } catch (error) {
    if (!isAppError(error)) throw error;
    const target = endsRequest(error.code) ? withQuery(`${base}/auth-code-expired`, { request: requestId }) : withQuery(`${base}/error`, { code: error.code });
    return NextResponse.redirect(target, { status: 303, headers: NO_STORE });
  }
}
