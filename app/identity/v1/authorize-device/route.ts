import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { apiErrorResponse, NO_STORE } from '@/lib/http/errors';
import { applyCookies, readSameOriginJson } from '@/lib/http/request';
import { LOCALE_HEADER } from '@/lib/i18n/locales';
import { SSO_COOKIE } from '@/lib/identity/cookies';
import { startDeviceVerification } from '@/lib/identity/flow';

export const dynamic = 'force-dynamic';

const body = z.object({ userCode: z.string().trim().min(1).max(32) });

/** The device page's form: starts the sign-in that approves the device the code belongs to. */
export async function POST(request: NextRequest) {
  try {
    const input = await readSameOriginJson(request, body);
    const outcome = await startDeviceVerification(input.userCode, {
      ssoToken: request.cookies.get(SSO_COOKIE)?.value,
      // proxy.ts resolved the page's language (locale parameter, cookie, Accept-Language).
      locale: request.headers.get(LOCALE_HEADER) ?? '',
    });
    return applyCookies(NextResponse.json({ redirectTo: outcome.location }, { headers: NO_STORE }), outcome.cookies);
  } catch (error) {
    return apiErrorResponse(error);
  }
}
