import type { Tx } from '@/lib/db';
import type { ActorType, Prisma } from '@/lib/db/generated/client';

export interface AuditActor {
  type: ActorType;
  id: string | null;
  ip: string;
}

/** The deployer's command line (scripts/cli.ts): a system actor, told apart from the app's own jobs by its id. */
export const CLI_ACTOR: AuditActor = { type: 'system', id: 'cli', ip: '' };

/**
 * Records a change in the caller's transaction, so an audit row exists exactly when the change
 * was committed. Values must not contain secrets (hash or omit them before calling).
 */
export async function recordAudit(
  tx: Tx,
  actor: AuditActor,
  event: { action: string; targetType: string; targetId: string | null; before?: unknown; after?: unknown },
) {
  await tx.auditEvent.create({
    data: {
      actorType: actor.type,
      actorId: actor.id,
      ip: actor.ip.slice(0, 64),
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      before: toJson(event.before),
      after: toJson(event.after),
    },
  });
}

/** Many events of one actor in one insert (bulk operations), same rules as recordAudit. */
export async function recordAuditMany(
  tx: Tx,
  actor: AuditActor,
  events: readonly { action: string; targetType: string; targetId: string | null; before?: unknown; after?: unknown }[],
) {
  if (!events.length) return;
  await tx.auditEvent.createMany({
    data: events.map((event) => ({
      actorType: actor.type,
      actorId: actor.id,
      ip: actor.ip.slice(0, 64),
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      before: toJson(event.before),
      after: toJson(event.after),
    })),
  });
}

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
