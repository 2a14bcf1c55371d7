// The live activity stream (GET /api/v1/events/stream, text/event-stream): published events, in
// position order, that the viewer's scopes allow (each catalog entry names the scopes its payload
// needs; root sees all). Each message is `id: <position>`, `event: <type>`, `data: <envelope>`, so
// a reconnecting EventSource sends Last-Event-ID and resumes right after the last event it got.
// A stream ends after STREAM_LIFETIME_MS: the browser reconnects, and the viewer's rights are read
// again then (a revoked role stops the feed within that time).
import { hasScope, type ScopeHolder } from '@/lib/access/scopes';
import { db } from '@/lib/db';
import { EVENT_CATALOG, isEventType } from './catalog';
import { toEnvelope } from './outbox';

export const STREAM_LIFETIME_MS = 5 * 60 * 1000;
const POLL_MS = 1_000;
const HEARTBEAT_MS = 15_000;
const BATCH = 100;

/** Whether a viewer with `scopes` may see events of `type`. */
export function mayViewEvent(viewer: ScopeHolder, type: string): boolean {
  return isEventType(type) && EVENT_CATALOG[type].scopes.every((scope) => hasScope(viewer, scope));
}

/** The position to resume after: Last-Event-ID when it is one, else the newest published event (only new ones follow). */
export async function streamStart(lastEventId: string | null): Promise<bigint> {
  if (lastEventId && /^\d{1,19}$/.test(lastEventId)) return BigInt(lastEventId);
  const newest = await db.event.aggregate({ _max: { position: true } });
  return newest._max.position ?? BigInt(0);
}

/** The next published events after `position` the viewer may see, and the position read up to. */
export async function nextVisibleEvents(viewer: ScopeHolder, position: bigint) {
  const rows = await db.event.findMany({ where: { position: { gt: position } }, orderBy: { position: 'asc' }, take: BATCH });
  const last = rows.at(-1)?.position ?? position;
  return { events: rows.filter((row) => mayViewEvent(viewer, row.type)), last, full: rows.length === BATCH };
}

/** One SSE message. */
export function sseMessage(row: { position: bigint | null; type: string } & Parameters<typeof toEnvelope>[0]): string {
  return `id: ${row.position}\nevent: ${row.type}\ndata: ${JSON.stringify(toEnvelope(row))}\n\n`;
}

/** The stream for `viewer`, from after `start`, until `signal` aborts or the lifetime is over. */
export function eventStream(viewer: ScopeHolder, start: bigint, signal: AbortSignal, lifetimeMs = STREAM_LIFETIME_MS): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let position = start;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const ends = Date.now() + lifetimeMs;
      let lastWrite = Date.now();
      // Tell the browser how soon to come back, and open the stream at once.
      controller.enqueue(encoder.encode(`retry: ${POLL_MS * 3}\n: connected\n\n`));
      try {
        while (!signal.aborted && Date.now() < ends) {
          const { events, last, full } = await nextVisibleEvents(viewer, position);
          position = last;
          for (const event of events) controller.enqueue(encoder.encode(sseMessage(event)));
          if (events.length) lastWrite = Date.now();
          else if (Date.now() - lastWrite > HEARTBEAT_MS) {
            controller.enqueue(encoder.encode(': keep-alive\n\n'));
            lastWrite = Date.now();
          }
          if (!full) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        }
      } catch (error) {
        if (!signal.aborted) console.error('[tessera] the live activity stream stopped', error);
      }
      try {
        controller.close();
      } catch {
        // already closed by the client
      }
    },
  });
}
