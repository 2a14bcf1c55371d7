// The dispatcher: publishes committed events (lib/events/outbox.ts) and delivers due webhook
// deliveries. Each endpoint gets its events one at a time in position order: a delivery waits
// until the one before it succeeded or finally failed (24 h), so a receiver sees events in order,
// also after an outage. Several instances (or the cron route) may run it at once: an endpoint is
// leased to one of them while it delivers.
import { publishEvents } from '@/lib/events/outbox';
import { db } from '@/lib/db';
import { attemptDelivery } from './delivery';

const LEASE_MS = 5 * 60 * 1000;
/** Deliveries per endpoint per run, so one busy endpoint cannot hold a run for long. */
const PER_ENDPOINT = 20;

export interface DispatchResult {
  published: number;
  attempted: number;
}

async function leaseEndpoint(id: string, now: Date): Promise<boolean> {
  const leased = await db.webhook.updateMany({
    where: { id, isActive: true, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseUntil: new Date(now.getTime() + LEASE_MS) },
  });
  return leased.count === 1;
}

async function deliverForEndpoint(webhookId: string, now: Date): Promise<number> {
  let attempted = 0;
  while (attempted < PER_ENDPOINT) {
    // The head of the endpoint's queue, then deliveries outside it (redeliveries) that are due.
    const head = await db.webhookDelivery.findFirst({
      where: { webhookId, status: 'pending', position: { not: null } },
      orderBy: { position: 'asc' },
      select: { id: true, nextAttemptAt: true },
    });
    const due = head && (!head.nextAttemptAt || head.nextAttemptAt <= now) ? head : null;
    const next =
      due ??
      (await db.webhookDelivery.findFirst({
        where: { webhookId, status: 'pending', position: null, nextAttemptAt: { lte: now } },
        orderBy: { createdAt: 'asc' },
        select: { id: true, nextAttemptAt: true },
      }));
    if (!next) break;
    attempted += 1;
    const result = await attemptDelivery(next.id, now);
    // A failed attempt leaves the head waiting for its next try: stop here (order).
    if (result === 'pending') break;
    const endpoint = await db.webhook.findUnique({ where: { id: webhookId }, select: { isActive: true } });
    if (!endpoint?.isActive) break;
  }
  return attempted;
}

/** One run: publish, then deliver what is due at `now` (tests pass a later `now` instead of waiting). */
export async function dispatchOnce(now = new Date()): Promise<DispatchResult> {
  let published = 0;
  for (let batch = await publishEvents(now); batch > 0; batch = await publishEvents(now)) published += batch;
  const candidates = await db.webhookDelivery.findMany({
    where: { status: 'pending', nextAttemptAt: { lte: now }, webhook: { isActive: true } },
    distinct: ['webhookId'],
    select: { webhookId: true },
  });
  let attempted = 0;
  for (const { webhookId } of candidates) {
    if (!(await leaseEndpoint(webhookId, now))) continue;
    try {
      attempted += await deliverForEndpoint(webhookId, now);
    } finally {
      await db.webhook.updateMany({ where: { id: webhookId }, data: { leaseUntil: null } });
    }
  }
  return { published, attempted };
}
