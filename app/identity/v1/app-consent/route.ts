import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { apiErrorResponse, NO_STORE } from '@/lib/http/errors';
import { applyCookies, clientIp, readSameOriginJson, userAgent } from '@/lib/http/request';
import { requestCookieName } from '@/lib/identity/cookies';
import { decideConsent } from '@/lib/identity/flow';

export const dynamic = 'force-dynamic';

const body = z.object({ requestId: z.string().uuid(), decision: z.enum(['allow', 'deny']) });

export async function POST(request: NextRequest) {
  try {
    const input = await readSameOriginJson(request, body);
    const outcome = await decideConsent(
      {
        requestId: input.requestId,
        bindingSecret: request.cookies.get(requestCookieName(input.requestId))?.value,
        userAgent: userAgent(request),
        ip: clientIp(request),
      },
      input.decision,
    );
    return applyCookies(NextResponse.json({ redirectTo: outcome.location }, { headers: NO_STORE }), outcome.cookies);
  } catch (error) {
    return apiErrorResponse(error);
  }
}
