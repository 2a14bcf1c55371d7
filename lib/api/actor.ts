import { auditActorOf, callerOf, type Caller } from '@/lib/access/principal';
import type { AuditActor } from '@/lib/audit';
import type { ApiPrincipal } from './principal';

/** S2S app: actorType app + client id; admin session: actorType user + the admin's user id. */
export function auditActor(principal: ApiPrincipal, ip: string): AuditActor {
  return auditActorOf(principal, ip);
}

/** The principal as services see it: the access module's Caller. */
export function apiCaller(principal: ApiPrincipal, ip: string): Caller {
  return callerOf(principal, ip);
}
