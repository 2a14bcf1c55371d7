import { defineErrors } from '@/lib/errors';

export const AuditErrors = defineErrors({
  audit_event_not_found: { status: 404, message: 'No audit event with this id.' },
});
