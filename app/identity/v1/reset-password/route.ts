import type { NextRequest } from 'next/server';
import { LOCALE_HEADER } from '@/lib/config/locales';
import { resetPassword, resetPasswordInput } from '@/lib/identity/password-reset';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** Melody's POST /identity/v1/reset-password: `{ email, code, password, requestId? }` → `{ redirectTo }`. */
export function POST(request: NextRequest) {
  return runFlowAction(request, resetPasswordInput, (context, input) => resetPassword(input, { ...context, locale: request.headers.get(LOCALE_HEADER) ?? '' }), {
    request: 'optional',
  });
}
