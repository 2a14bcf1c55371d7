import { NextResponse, type NextRequest } from 'next/server';
import { config } from '@/lib/config';
import { NO_STORE } from '@/lib/http/errors';
import { applyCookies, readForm } from '@/lib/http/request';
import { SSO_COOKIE } from '@/lib/identity/cookies';
import { endSession } from '@/lib/identity/logout';
import { withQuery } from '@/lib/apps/redirect-uris';

export const dynamic = 'force-dynamic';

async function logout(request: NextRequest, params: URLSearchParams, status: 302 | 303, confirmed: boolean) {
  const param = (name: string) => params.get(name) || undefined;
  try {
    const outcome = await endSession(
      {
        idTokenHint: param('id_token_hint'),
        clientId: param('client_id'),
        postLogoutRedirectUri: param('post_logout_redirect_uri'),
        state: param('state'),
        uiLocales: param('ui_locales'),
      },
      { ssoToken: request.cookies.get(SSO_COOKIE)?.value, confirmed },
    );
    return applyCookies(NextResponse.redirect(outcome.location, { status, headers: NO_STORE }), outcome.cookies);
  } catch (error) {
    console.error('[tessera] logout failed', error);
    return NextResponse.redirect(withQuery(`${config().authServerUrl}/identity/v1/error`, { code: 'server_error' }), status);
  }
}

// A GET is never a confirmation: links and images on any site can send one.
export function GET(request: NextRequest) {
  return logout(request, request.nextUrl.searchParams, 302, false);
}

// RP-Initiated Logout 1.0 §2: the end-session endpoint accepts POST (form-encoded) as well.
export async function POST(request: NextRequest) {
  let form: URLSearchParams;
  try {
    form = await readForm(request);
  } catch {
    form = new URLSearchParams();
  }
  // The confirmation page's form (/identity/v1/logout-confirm) posts `confirm=1` from our origin;
  // the Origin header of a cross-site form cannot claim it.
  const confirmed = form.get('confirm') === '1' && request.headers.get('origin') === config().serverOrigin;
  return logout(request, form, 303, confirmed);
}
