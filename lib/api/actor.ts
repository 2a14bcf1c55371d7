import type { AuditActor } from '@/lib/audit';
import type { Caller } from '@/lib/scopes/caller';
import type { ApiPrincipal } from './principal';

/** S2S app: actorType app + client id; admin session: actorType user + the admin's user id. */
export function auditActor(principal: ApiPrincipal, ip: string): AuditActor {
  return { type: principal.kind === 'admin' ? 'user' : 'app', id: principal.actorId, ip };
}

/** The principal as services see it for privilege rules: audit actor + the scopes it holds. */
export function apiCaller(principal: ApiPrincipal, ip: string): Caller {
  return { actor: auditActor(principal, ip), scopes: principal.scopes };
}
