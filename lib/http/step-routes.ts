import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import type { BrowserContext } from '@/lib/identity/flow';
import { requestCookieName } from '@/lib/identity/cookies';
import { apiErrorResponse, NO_STORE } from './errors';
import { clientIp, readSameOriginJson, userAgent } from './request';

// Step actions that stay on the page ("send a new code"): like runFlowAction (flow-action.ts) — a
// same-origin JSON body `{ requestId, …fields }`, the browser context from the request, errors as
// `{ error, message, fields? }` — but answered 204 No Content (submit-json.ts postJson).

async function readStep<S extends z.ZodObject>(request: NextRequest, schema: S) {
  const input = (await readSameOriginJson(request, schema.extend({ requestId: z.string().uuid() }))) as z.output<S> & { requestId: string };
  const context: BrowserContext = {
    requestId: input.requestId,
    bindingSecret: request.cookies.get(requestCookieName(input.requestId))?.value,
    userAgent: userAgent(request),
    ip: clientIp(request),
  };
  return { input, context };
}

/** An action that stays on the page ("send a new code"): 204 No Content (submit-json postJson). */
export async function runStepSend<S extends z.ZodObject>(
  request: NextRequest,
  schema: S,
  action: (context: BrowserContext, input: z.output<S>) => Promise<void>,
): Promise<NextResponse> {
  try {
    const { input, context } = await readStep(request, schema);
    await action(context, input);
    return new NextResponse(null, { status: 204, headers: NO_STORE });
  } catch (error) {
    return apiErrorResponse(error);
  }
}

/** An action that answers with data (WebAuthn options, a new recovery code): 200 JSON. */
export async function runStepData<S extends z.ZodObject>(
  request: NextRequest,
  schema: S,
  action: (context: BrowserContext, input: z.output<S>) => Promise<object>,
): Promise<NextResponse> {
  try {
    const { input, context } = await readStep(request, schema);
    return NextResponse.json(await action(context, input), { headers: NO_STORE });
  } catch (error) {
    return apiErrorResponse(error);
  }
}
