// The outbox: services write an event in the transaction of the change it reports (emitEvent), so
// an event exists exactly when its change was committed. The publisher (publishEvents) numbers
// committed events in a safe order and queues their webhook deliveries; the live stream and the
// webhook dispatcher read published events only.
import type { AuditActor } from '@/lib/audit';
import { db, transaction, type Tx } from '@/lib/db';
import type { Prisma } from '@/lib/db/generated/client';
import { EVENT_CATALOG, type EventData, type EventEnvelope, type EventType } from './catalog';

export type EventActor = Pick<AuditActor, 'type' | 'id'>;

/** Writes `type` with `data` (validated against the catalog) in the caller's transaction. */
export async function emitEvent<T extends EventType>(tx: Tx, actor: EventActor, type: T, data: EventData<T>): Promise<void> {
  const definition = EVENT_CATALOG[type];
  const parsed = definition.data.parse(data) as Prisma.InputJsonValue;
  await tx.event.create({ data: { type, version: definition.version, data: parsed, actorType: actor.type, actorId: actor.id } });
}

/** Several events of one transaction in one insert, in the given order. */
export async function emitEvents(tx: Tx, actor: EventActor, events: readonly { [T in EventType]: { type: T; data: EventData<T> } }[EventType][]): Promise<void> {
  if (!events.length) return;
  await tx.event.createMany({
    data: events.map((event) => ({
      type: event.type,
      version: EVENT_CATALOG[event.type].version,
      data: EVENT_CATALOG[event.type].data.parse(event.data) as Prisma.InputJsonValue,
      actorType: actor.type,
      actorId: actor.id,
    })),
  });
}

export interface StoredEvent {
  id: string;
  type: string;
  version: number;
  data: Prisma.JsonValue;
  actorType: string;
  actorId: string | null;
  createdAt: Date;
}

export function toEnvelope(event: StoredEvent): EventEnvelope {
  return {
    id: event.id,
    type: event.type,
    version: event.version,
    timestamp: event.createdAt.toISOString(),
    actor: { type: event.actorType as EventEnvelope['actor']['type'], id: event.actorId },
    data: (event.data ?? {}) as Record<string, unknown>,
  };
}

// Any constant: the publishers of every instance take turns on it.
const PUBLISH_LOCK = 0x7e55e7a1;
const PUBLISH_BATCH = 500;

/**
 * Gives committed events their `position` and queues a webhook delivery per active endpoint whose
 * filter matches, in one short transaction, one publisher at a time (advisory lock). An event is
 * published only once every transaction that started before it has ended (its txid is below the
 * snapshot's xmin), in (txid, seq) order: no event can later appear before one already published,
 * so readers that go by position never miss or reorder one. Deliveries are due from `now` (the
 * dispatcher's clock). Returns how many were published.
 */
export async function publishEvents(now = new Date()): Promise<number> {
  return transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PUBLISH_LOCK})`;
    const ready = await tx.$queryRaw<{ id: string; type: string }[]>`
      SELECT id, type FROM events
      WHERE position IS NULL AND txid < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint
      ORDER BY txid, seq
      LIMIT ${PUBLISH_BATCH}`;
    if (!ready.length) return 0;
    const [{ last }] = await tx.$queryRaw<{ last: bigint | null }[]>`SELECT max(position) AS last FROM events`;
    let position = last ?? BigInt(0);
    const endpoints = await tx.webhook.findMany({ where: { isActive: true }, select: { id: true, events: true } });
    const events = await tx.event.findMany({ where: { id: { in: ready.map((row) => row.id) } } });
    const byId = new Map(events.map((event) => [event.id, event]));
    const deliveries: Prisma.WebhookDeliveryCreateManyInput[] = [];
    for (const row of ready) {
      position += BigInt(1);
      await tx.event.update({ where: { id: row.id }, data: { position, publishedAt: now } });
      const event = byId.get(row.id)!;
      const envelope = toEnvelope(event) as unknown as Prisma.InputJsonValue;
      for (const endpoint of endpoints) {
        if (endpoint.events.length && !endpoint.events.includes(row.type)) continue;
        deliveries.push({
          webhookId: endpoint.id,
          eventId: row.id,
          position,
          messageId: row.id,
          event: row.type,
          payload: envelope,
          nextAttemptAt: now,
        });
      }
    }
    if (deliveries.length) await tx.webhookDelivery.createMany({ data: deliveries });
    return ready.length;
  });
}

/** Published events after `position` (the live stream), oldest first. */
export function publishedEventsAfter(position: bigint, take: number) {
  return db.event.findMany({ where: { position: { gt: position } }, orderBy: { position: 'asc' }, take });
}
