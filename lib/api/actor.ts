import type { AuditActor } from '@/lib/audit';
import type { ApiPrincipal } from './principal';

export function auditActor(principal: ApiPrincipal, ip: string): AuditActor {
  return { type: 'app', id: principal.actorId, ip };
}
