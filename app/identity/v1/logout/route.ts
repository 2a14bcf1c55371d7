import { NextResponse, type NextRequest } from 'next/server';
import { appCorsPreflight, withAppCors } from '@/lib/http/cors';
import { NO_STORE, oauthErrorResponse } from '@/lib/http/errors';
import { readBearerToken, readForm } from '@/lib/http/request';
import { logoutFromApp } from '@/lib/identity/logout';

export const dynamic = 'force-dynamic';

// Melody Auth's SDK logout call: Bearer access token, form body, JSON answer. Authenticated by the
// token, not by cookies, so it is called cross-origin from the app (CORS) and needs no CSRF check.
export const POST = withAppCors(async (request: NextRequest) => {
  try {
    const accessToken = readBearerToken(request);
    const form = await readForm(request);
    const result = await logoutFromApp({
      accessToken,
      refreshToken: form.get('refresh_token') || undefined,
      postLogoutRedirectUri: form.get('post_logout_redirect_uri') || undefined,
    });
    return NextResponse.json(result, { headers: NO_STORE });
  } catch (error) {
    return oauthErrorResponse(error);
  }
});

export const OPTIONS = appCorsPreflight(['POST']);
