import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { apiErrorResponse, NO_STORE } from '@/lib/http/errors';
import { clientIp, readSameOriginJson } from '@/lib/http/request';
import { LOCALE_HEADER } from '@/lib/i18n/locales';
import { requestCookieName } from '@/lib/identity/cookies';
import { resetPassword, resetPasswordInput } from '@/lib/identity/password-reset';

export const dynamic = 'force-dynamic';

const body = resetPasswordInput.extend({ requestId: z.string().uuid().optional() });

/** Melody's POST /identity/v1/reset-password: `{ email, code, password, requestId? }` → `{ redirectTo }`. */
export async function POST(request: NextRequest) {
  try {
    const input = await readSameOriginJson(request, body);
    const result = await resetPassword(input, {
      ip: clientIp(request),
      requestId: input.requestId,
      bindingSecret: input.requestId ? request.cookies.get(requestCookieName(input.requestId))?.value : undefined,
      locale: request.headers.get(LOCALE_HEADER) ?? '',
    });
    return NextResponse.json(result, { headers: NO_STORE });
  } catch (error) {
    return apiErrorResponse(error);
  }
}
