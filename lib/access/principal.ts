import type { AuditActor } from '@/lib/audit';
import type { ActorType } from '@/lib/db/generated/client';
import { ROOT_SCOPE } from './scopes';

/**
 * Who calls, whatever the surface. Each kind authenticates its own way (lib/access/resolve.ts)
 * and ends up as scopes: from then on one set of rules decides for all of them (hasScope,
 * lib/access/targets.ts). A new kind of credential is one more member here, one more branch in
 * resolveApiPrincipal and one more audit actor type; the rules stay as they are.
 */
export type Principal =
  | {
      /** An S2S app's client_credentials access token. */
      kind: 's2s';
      /** Client id of the calling app: the actor recorded in the audit log. */
      actorId: string;
      /** The token's scopes the app still holds. */
      scopes: readonly string[];
    }
  | {
      /** An API key (tsk_…, lib/api-keys): it holds its S2S scopes directly. */
      kind: 'api_key';
      /** Id of the key (its row in api_keys): the actor recorded in the audit log. */
      actorId: string;
      scopes: readonly string[];
    }
  | {
      /** The admin dashboard's session (its user's roles map to the same scopes: lib/access/rights.ts). */
      kind: 'admin';
      /** Id of the signed-in admin user: the actor recorded in the audit log. */
      actorId: string;
      /** Rights the user's roles give now (super_admin: root). */
      scopes: readonly string[];
      adminSessionId: string;
    }
  | {
      /** The deployer's command line: whoever runs it owns the database, so it holds root. */
      kind: 'cli';
      actorId: 'cli';
      scopes: readonly string[];
    };

export type PrincipalKind = Principal['kind'];

const ACTOR_TYPES: Record<PrincipalKind, ActorType> = { s2s: 'app', api_key: 'api_key', admin: 'user', cli: 'system' };

/**
 * What services see of a principal: the actor their audit rows name and the scopes it holds.
 * The one caller type of every privileged service (users, apps, roles, scopes, orgs …).
 */
export interface Caller {
  actor: AuditActor;
  scopes: readonly string[];
}

export function auditActorOf(principal: Principal, ip: string): AuditActor {
  return { type: ACTOR_TYPES[principal.kind], id: principal.actorId, ip };
}

export function callerOf(principal: Principal, ip: string): Caller {
  return { actor: auditActorOf(principal, ip), scopes: principal.scopes };
}

/** The person acting in their own name behind a principal: the admin session's user; apps and the CLI act for nobody. */
export function signedInUserOf(principal: Principal): string | null {
  return principal.kind === 'admin' ? principal.actorId : null;
}

export const CLI_PRINCIPAL: Principal = { kind: 'cli', actorId: 'cli', scopes: [ROOT_SCOPE] };

/** The command line's caller: root, audited as the system actor `cli`. */
export const CLI_CALLER: Caller = callerOf(CLI_PRINCIPAL, '');
