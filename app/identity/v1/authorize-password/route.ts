import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { apiErrorResponse, NO_STORE } from '@/lib/http/errors';
import { applyCookies, clientIp, readSameOriginJson, userAgent } from '@/lib/http/request';
import { requestCookieName } from '@/lib/identity/cookies';
import { signInWithPassword } from '@/lib/identity/flow';

export const dynamic = 'force-dynamic';

const body = z.object({
  requestId: z.string().uuid(),
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(256),
});

export async function POST(request: NextRequest) {
  try {
    const input = await readSameOriginJson(request, body);
    const outcome = await signInWithPassword(
      {
        requestId: input.requestId,
        bindingSecret: request.cookies.get(requestCookieName(input.requestId))?.value,
        userAgent: userAgent(request),
        ip: clientIp(request),
      },
      { email: input.email, password: input.password },
    );
    return applyCookies(NextResponse.json({ redirectTo: outcome.location }, { headers: NO_STORE }), outcome.cookies);
  } catch (error) {
    return apiErrorResponse(error);
  }
}
