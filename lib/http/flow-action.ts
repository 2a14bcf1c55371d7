import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import type { BrowserContext, FlowOutcome } from '@/lib/identity/flow';
import { requestCookieName } from '@/lib/identity/cookies';
import { apiErrorResponse, NO_STORE } from './errors';
import { applyCookies, clientIp, readSameOriginJson, userAgent } from './request';

/**
 * The JSON exchange of a hosted step's action (see components/identity/submit-json.ts): a
 * same-origin JSON body `{ requestId, …fields }` → 200 `{ redirectTo }` with the outcome's cookies,
 * or `{ error, message, fields? }`. The browser context (binding cookie, IP, user agent) comes from
 * the request.
 */
export async function runFlowAction<S extends z.ZodObject>(
  request: NextRequest,
  schema: S,
  action: (context: BrowserContext, input: z.output<S>) => Promise<FlowOutcome>,
): Promise<NextResponse> {
  try {
    const input = (await readSameOriginJson(request, schema.extend({ requestId: z.string().uuid() }))) as z.output<S> & { requestId: string };
    const context: BrowserContext = {
      requestId: input.requestId,
      bindingSecret: request.cookies.get(requestCookieName(input.requestId))?.value,
      userAgent: userAgent(request),
      ip: clientIp(request),
    };
    const outcome = await action(context, input);
    return applyCookies(NextResponse.json({ redirectTo: outcome.location }, { headers: NO_STORE }), outcome.cookies);
  } catch (error) {
    return apiErrorResponse(error);
  }
}
