export const AUDIT_EVENTS_PATH = '/api/v1/audit-events';

/** An audit event as GET /api/v1/audit-events returns it (lib/api/records.ts auditEventRecord). */
export interface AuditEvent {
  id: string;
  actorType: 'user' | 'app' | 'api_key' | 'system';
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  ip: string;
  createdAt: string;
}

export const ACTOR_TYPES = ['user', 'app', 'api_key', 'system'] as const;

/** The list's filters: URL parameter names, the API's query names. */
export const AUDIT_FILTERS = ['actor_type', 'actor_id', 'action', 'target_type', 'target_id', 'from', 'to'] as const;
export type AuditFilter = (typeof AUDIT_FILTERS)[number];
