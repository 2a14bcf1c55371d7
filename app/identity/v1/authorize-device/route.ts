import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { LOCALE_HEADER } from '@/lib/config/locales';
import { SSO_COOKIE } from '@/lib/identity/cookies';
import { runFlowAction } from '@/lib/sign-in/hosted';
import { startDeviceVerification } from '@/lib/sign-in/start';

export const dynamic = 'force-dynamic';

/** The device page's form `{ userCode }`: starts the sign-in that approves the device the code belongs to. */
export function POST(request: NextRequest) {
  return runFlowAction(
    request,
    z.object({ userCode: z.string().trim().min(1).max(32) }),
    (context, input) =>
      startDeviceVerification(input.userCode, {
        ssoToken: request.cookies.get(SSO_COOKIE)?.value,
        // proxy.ts resolved the page's language (locale parameter, cookie, Accept-Language).
        locale: request.headers.get(LOCALE_HEADER) ?? '',
        ip: context.ip,
        userAgent: context.userAgent,
      }),
    { request: 'none' },
  );
}
