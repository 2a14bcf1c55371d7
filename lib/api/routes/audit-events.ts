import { z } from 'zod';
import { getAuditEvent, listAuditEvents } from '@/lib/audit/admin';
import { AuditErrors } from '@/lib/audit/errors';
import { defineApiRoute } from '../define';
import { pageWindow, paginationQuery } from '../pagination';
import { dateTimeQuery } from '../query-params';
import { auditEventRecord } from '../records';

// The audit history (Tessera; Melody has none). Root only: before / after values span every
// resource (users, apps, roles…), so no single read_* scope covers them.

const tag = 'Audit events';
const scopes = ['root'];

const listQuery = paginationQuery.extend({
  actor_type: z.enum(['user', 'app', 'api_key', 'system']).optional().describe('user (admin session or self-service), app (S2S client), system (CLI, jobs)'),
  actor_id: z.string().min(1).max(200).optional().describe("The actor's user id, client id, or \"cli\""),
  action: z.string().min(1).max(100).optional().describe('Exact action, e.g. user.updated'),
  target_type: z.string().min(1).max(50).optional().describe('e.g. user, app, role'),
  target_id: z.string().min(1).max(200).optional(),
  from: dateTimeQuery('events at or after it'),
  to: dateTimeQuery('events before it'),
});

export const listAuditEventsRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/audit-events',
  operationId: 'listAuditEvents',
  summary: 'List audit events, newest first, optionally filtered by actor, action, target and time',
  tag,
  scopes,
  query: listQuery,
  response: z.object({ auditEvents: z.array(auditEventRecord), count: z.number().int() }),
  handler: async ({ query }) => {
    const { events, count } = await listAuditEvents(
      {
        actorType: query.actor_type,
        actorId: query.actor_id,
        action: query.action,
        targetType: query.target_type,
        targetId: query.target_id,
        from: query.from,
        to: query.to,
      },
      pageWindow(query),
    );
    return { auditEvents: events, count };
  },
});

export const getAuditEventRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/audit-events/{id}',
  operationId: 'getAuditEvent',
  summary: 'Get an audit event',
  tag,
  scopes,
  params: z.object({ id: z.string().uuid() }),
  response: z.object({ auditEvent: auditEventRecord }),
  errors: [AuditErrors.audit_event_not_found],
  handler: async ({ params }) => ({ auditEvent: await getAuditEvent(params.id) }),
});
