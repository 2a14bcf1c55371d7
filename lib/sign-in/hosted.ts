// The hosted pages' adapter over the sign-in machine: ONE context helper (which request — the id
// and this browser's binding cookie —, the client IP, user agent and cookies) and ONE action
// runner for every JSON endpoint under /identity/v1 (components/identity/submit-json.ts posts
// same-origin JSON): body `{ requestId?, …fields }` validated with the route's zod schema →
// the action → 200 `{ redirectTo, …data }` with the outcome's cookies when it moved the request,
// 200 with the action's data, or 204 when it answered nothing; errors as `{ error, message,
// fields? }`. The two GET hops (magic link, remembered device) use the same context with a
// 303 answer (runFlowHop).
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { isAppError } from '@/lib/errors';
import { isFlowOutcome, requestCookieName, type FlowContext, type FlowOutcome } from '@/lib/flow';
import { apiErrorResponse, NO_STORE } from '@/lib/http/errors';
import { applyCookies, clientIp, readSameOriginJson, userAgent } from '@/lib/http/request';
import { signInMachine } from './machine';

interface RequestLike {
  cookies: { get(name: string): { value: string } | undefined };
  headers: Headers;
}

/** The context of a hosted request: the request id the page or body names, and what the browser sent. */
export function hostedContext(request: RequestLike, requestId: string | undefined, meta?: { ip: string; userAgent: string }): FlowContext {
  return {
    machine: signInMachine,
    requestId,
    bindingSecret: requestId ? request.cookies.get(requestCookieName(requestId))?.value : undefined,
    ip: meta?.ip ?? '',
    userAgent: meta?.userAgent ?? request.headers.get('user-agent') ?? '',
    cookie: (name) => request.cookies.get(name)?.value,
  };
}

/** A context for code that already holds the ids (tests, the admin dashboard's own sign-in). */
export function browserContext(ids: { requestId: string; bindingSecret: string | undefined }, meta: { ip?: string; userAgent?: string; cookie?: (name: string) => string | undefined } = {}): FlowContext {
  return { machine: signInMachine, ...ids, ip: meta.ip ?? '', userAgent: meta.userAgent ?? '', cookie: meta.cookie };
}

/** What an action's result becomes on the wire. */
function reply(result: unknown, status = 200): NextResponse {
  if (result === undefined) return new NextResponse(null, { status: 204, headers: NO_STORE });
  if (isFlowOutcome(result)) {
    return applyCookies(NextResponse.json({ redirectTo: result.location, ...result.data }, { status, headers: NO_STORE }), result.cookies);
  }
  return NextResponse.json(result, { status, headers: NO_STORE });
}

/**
 * The one runner of the hosted JSON endpoints. `request`: whether the body names a sign-in request
 * (`required`, the default, for every step action), may name one (`optional`: password reset,
 * which returns to its request) or names none (`none`: invitation, emailed verification link,
 * the device code form).
 */
export async function runFlowAction<S extends z.ZodObject, R>(
  request: NextRequest,
  schema: S,
  action: (context: FlowContext, input: z.output<S>) => Promise<R>,
  options: { request?: 'required' | 'optional' | 'none' } = {},
): Promise<NextResponse> {
  const mode = options.request ?? 'required';
  try {
    const body = mode === 'none' ? schema : schema.extend({ requestId: mode === 'required' ? z.string().uuid() : z.string().uuid().optional() });
    const input = (await readSameOriginJson(request, body)) as z.output<S> & { requestId?: string };
    const context = hostedContext(request, input.requestId, { ip: clientIp(request), userAgent: userAgent(request) });
    return reply(await action(context, input));
  } catch (error) {
    return apiErrorResponse(error);
  }
}

/**
 * A GET hop of the flow (`?request=…`): runs the action in this browser's context and redirects
 * (303) to where the request goes next; a known failure goes where `onError` says.
 */
export async function runFlowHop(
  request: NextRequest,
  action: (context: FlowContext) => Promise<FlowOutcome>,
  onError: (code: string, requestId: string) => string,
): Promise<NextResponse> {
  const headers = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };
  const requestId = request.nextUrl.searchParams.get('request') ?? '';
  try {
    const outcome = await action(hostedContext(request, requestId, { ip: clientIp(request), userAgent: userAgent(request) }));
    return applyCookies(NextResponse.redirect(outcome.location, { status: 303, headers }), outcome.cookies);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return NextResponse.redirect(onError(error.code, requestId), { status: 303, headers });
  }
}
