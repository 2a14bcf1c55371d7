import type { NextRequest } from 'next/server';
import { afterResponse } from '@/lib/http/after-response';
import { LOCALE_HEADER } from '@/lib/config/locales';
import { requestPasswordReset, resetCodeInput } from '@/lib/identity/password-reset';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/**
 * "Forgot password?" (Melody's POST /identity/v1/reset-password-code): `{ email, requestId? }` →
 * 204 whether or not an account uses the address; the email goes out after the response.
 */
export function POST(request: NextRequest) {
  return runFlowAction(
    request,
    resetCodeInput,
    (context, input) => requestPasswordReset(input, { ...context, locale: request.headers.get(LOCALE_HEADER) ?? '', defer: afterResponse }),
    { request: 'optional' },
  );
}
