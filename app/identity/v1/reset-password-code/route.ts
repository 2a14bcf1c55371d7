import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { afterResponse } from '@/lib/http/after-response';
import { apiErrorResponse, NO_STORE } from '@/lib/http/errors';
import { clientIp, readSameOriginJson } from '@/lib/http/request';
import { LOCALE_HEADER } from '@/lib/i18n/locales';
import { requestCookieName } from '@/lib/identity/cookies';
import { requestPasswordReset, resetCodeInput } from '@/lib/identity/password-reset';

export const dynamic = 'force-dynamic';

const body = resetCodeInput.extend({ requestId: z.string().uuid().optional() });

/**
 * "Forgot password?" (Melody's POST /identity/v1/reset-password-code): `{ email, requestId? }` →
 * 204 whether or not an account uses the address; the email goes out after the response.
 */
export async function POST(request: NextRequest) {
  try {
    const input = await readSameOriginJson(request, body);
    await requestPasswordReset(input, {
      ip: clientIp(request),
      requestId: input.requestId,
      bindingSecret: input.requestId ? request.cookies.get(requestCookieName(input.requestId))?.value : undefined,
      locale: request.headers.get(LOCALE_HEADER) ?? '',
      defer: afterResponse,
    });
    return new NextResponse(null, { status: 204, headers: NO_STORE });
  } catch (error) {
    return apiErrorResponse(error);
  }
}
