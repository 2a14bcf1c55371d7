import { NextResponse, type NextRequest } from 'next/server';
import { config } from '@/lib/config';
import { CommonErrors, isAppError } from '@/lib/errors';
import { applyCookies, clientIp, readForm, userAgent } from '@/lib/http/request';
import { asServiceError } from '@/lib/http/errors';
import { serviceUnavailablePage } from '@/lib/health/unavailable-page';
import { DEFAULT_LOCALE, isSupportedLocale, LOCALE_HEADER, type Locale } from '@/lib/config/locales';
import { SSO_COOKIE } from '@/lib/identity/cookies';
import { startAuthorization } from '@/lib/sign-in/start';
import { withQuery } from '@/lib/apps/redirect-uris';
import { AuthorizeRedirectError } from '@/lib/oauth/authorize-request';

export const dynamic = 'force-dynamic';

/** Errors that cannot go back to the client land on our own localized error page. */
function errorPage(code: string, locale: string | null) {
  return withQuery(`${config().authServerUrl}/identity/v1/error`, { code, locale: locale ?? undefined });
}

/** The locale proxy.ts resolved for this request. */
function requestLocale(request: NextRequest): Locale {
  const locale = request.headers.get(LOCALE_HEADER);
  return isSupportedLocale(locale) ? locale : DEFAULT_LOCALE;
}

async function authorize(request: NextRequest, params: URLSearchParams, status: 302 | 303) {
  try {
    const outcome = await startAuthorization(params, {
      ssoToken: request.cookies.get(SSO_COOKIE)?.value,
      preferredLocale: request.headers.get(LOCALE_HEADER) ?? undefined,
      ip: clientIp(request),
      userAgent: userAgent(request),
    });
    return applyCookies(NextResponse.redirect(outcome.location, status), outcome.cookies);
  } catch (thrown) {
    if (thrown instanceof AuthorizeRedirectError) return NextResponse.redirect(thrown.location, status);
    const error = asServiceError(thrown);
    // the database is down: say so on a localized 503 page, not through an error page that needs it too
    if (isAppError(error) && error.code === CommonErrors.service_unavailable.code) return serviceUnavailablePage(requestLocale(request));
    if (!isAppError(error)) console.error('[tessera] authorize failed', error);
    return NextResponse.redirect(errorPage(isAppError(error) ? error.code : 'server_error', params.get('locale')), status);
  }
}

export function GET(request: NextRequest) {
  return authorize(request, request.nextUrl.searchParams, 302);
}

// OIDC Core §3.1.2.1: the authorization endpoint must accept POST (form-encoded) as well.
export async function POST(request: NextRequest) {
  let form: URLSearchParams;
  try {
    form = await readForm(request);
  } catch {
    return NextResponse.redirect(errorPage('invalid_request', null), 303);
  }
  return authorize(request, form, 303);
}
