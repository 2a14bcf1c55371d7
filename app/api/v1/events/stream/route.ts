import type { NextRequest } from 'next/server';
import { resolveApiPrincipal } from '@/lib/api/principal';
import { eventStream, streamStart } from '@/lib/events/stream';
import { apiErrorResponse } from '@/lib/http/errors';

export const dynamic = 'force-dynamic';
export const maxDuration = 300;

/**
 * The live activity stream (text/event-stream) for the dashboard session or an S2S token: the
 * events the caller's scopes allow (lib/events/stream.ts), resumed after Last-Event-ID.
 */
export async function GET(request: NextRequest) {
  try {
    const principal = await resolveApiPrincipal(request, []);
    const start = await streamStart(request.headers.get('last-event-id') ?? request.nextUrl.searchParams.get('lastEventId'));
    return new Response(eventStream(principal, start, request.signal), {
      headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' },
    });
  } catch (error) {
    return apiErrorResponse(error);
  }
}
