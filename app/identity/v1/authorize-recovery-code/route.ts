import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { apiErrorResponse, NO_STORE } from '@/lib/http/errors';
import { applyCookies, clientIp, readSameOriginJson, userAgent } from '@/lib/http/request';
import { requestCookieName } from '@/lib/identity/cookies';
import { signInWithRecoveryCode } from '@/lib/recovery-codes/flow';

export const dynamic = 'force-dynamic';

const body = z.object({
  requestId: z.string().uuid(),
  email: z.string().trim().min(1).max(320),
  recoveryCode: z.string().trim().min(1).max(64),
});

/**
 * Recovery-code sign-in (Melody's POST authorize-recovery-code): `{ requestId, email, recoveryCode }`
 * → `{ redirectTo, recoveryCode }`, the account's next code, which the page shows once before
 * following redirectTo.
 */
export async function POST(request: NextRequest) {
  try {
    const input = await readSameOriginJson(request, body);
    const { outcome, recoveryCode } = await signInWithRecoveryCode(
      {
        requestId: input.requestId,
        bindingSecret: request.cookies.get(requestCookieName(input.requestId))?.value,
        userAgent: userAgent(request),
        ip: clientIp(request),
      },
      { email: input.email, recoveryCode: input.recoveryCode },
    );
    return applyCookies(NextResponse.json({ redirectTo: outcome.location, recoveryCode }, { headers: NO_STORE }), outcome.cookies);
  } catch (error) {
    return apiErrorResponse(error);
  }
}
