import type { AuditActor } from '@/lib/audit';

/** Melody's privileged scope: it grants every S2S permission. */
const ROOT = 'root';

/**
 * Who asks a service for a privileged change, whatever the surface (S2S token, admin session):
 * the actor recorded in the audit log and the API scopes it holds. Services use it for rules
 * such as "only root may grant root".
 */
export interface Caller {
  actor: AuditActor;
  scopes: readonly string[];
}

/** True when the caller holds `scope` itself or holds root. */
export function callerHolds(caller: Pick<Caller, 'scopes'>, scope: string): boolean {
  return caller.scopes.includes(ROOT) || caller.scopes.includes(scope);
}

export function isRootCaller(caller: Pick<Caller, 'scopes'>): boolean {
  return caller.scopes.includes(ROOT);
}
