import { db } from '@/lib/db';
import type { ActorType, Prisma } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';
import { AuditErrors } from './errors';

// The audit history for the S2S API and the admin dashboard: who changed what, before and after.

export interface AuditEventFilter {
  actorType?: ActorType;
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  /** Inclusive lower bound of createdAt. */
  from?: Date;
  /** Exclusive upper bound of createdAt. */
  to?: Date;
}

function whereOf(filter: AuditEventFilter): Prisma.AuditEventWhereInput {
  return {
    actorType: filter.actorType,
    actorId: filter.actorId,
    action: filter.action,
    targetType: filter.targetType,
    targetId: filter.targetId,
    createdAt: filter.from || filter.to ? { gte: filter.from, lt: filter.to } : undefined,
  };
}

/**
 * Newest first (id breaks ties of the same millisecond, so pages never overlap), with the total
 * of the filter. The indexes on createdAt, (actorId, createdAt) and (targetType, targetId,
 * createdAt) serve the dashboard's filters: everything, one actor, one target.
 */
export async function listAuditEvents(filter: AuditEventFilter, window: { take: number; skip: number }) {
  const where = whereOf(filter);
  const [events, count] = await Promise.all([
    db.auditEvent.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], ...window }),
    db.auditEvent.count({ where }),
  ]);
  return { events, count };
}

export async function getAuditEvent(id: string) {
  const event = await db.auditEvent.findUnique({ where: { id } });
  if (!event) throw new AppError(AuditErrors.audit_event_not_found);
  return event;
}
