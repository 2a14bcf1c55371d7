// "To which target": the rules that look at what a caller acts on, not only at its scopes.
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { AccessErrors } from './errors';
import { rightsOfRoles } from './rights';
import { isRoot, rightsNotHeld, type ScopeHolder } from './scopes';

/**
 * Path parameters of the S2S API that name an existing user. Every write whose path carries one
 * acts on that user (removing MFA or passkeys, lifting locks, impersonating, deleting …), so the
 * API checks assertMayActOnUser for each before the operation runs (lib/api/define.ts).
 */
export const USER_TARGET_PARAMS = ['authId', 'linkingAuthId'] as const;

/** The rights a user holds through their roles (super_admin: root; none: no admin). */
export async function rightsOfUser(userId: string, client: Tx | typeof db = db): Promise<string[]> {
  const rows = await client.userRole.findMany({ where: { userId }, select: { role: { select: { name: true, isBuiltIn: true, adminScopes: true } } } });
  return rightsOfRoles(rows.map((row) => row.role));
}

/**
 * A caller without root never acts on a user who holds rights the caller lacks: otherwise a
 * write_user token could strip a super_admin's MFA, lift their lock or impersonate them, and so
 * take over a stronger account. Root-only rights (impersonation, manage_saml) need root. An
 * unknown user holds nothing: the operation itself then answers 404.
 */
export async function assertMayActOnUser(caller: ScopeHolder, userId: string, client: Tx | typeof db = db): Promise<void> {
  if (isRoot(caller)) return;
  const notHeld = rightsNotHeld(caller, await rightsOfUser(userId, client));
  if (notHeld.length) {
    throw new AppError(AccessErrors.target_outranks_caller, `This user holds rights the caller lacks: ${notHeld.join(', ')}.`);
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** For a write, assertMayActOnUser on every user its path parameters name (USER_TARGET_PARAMS). */
export async function assertMayWriteTargets(caller: ScopeHolder, method: string, params: Record<string, unknown>): Promise<void> {
  if (SAFE_METHODS.has(method.toUpperCase())) return;
  for (const name of USER_TARGET_PARAMS) {
    const userId = params[name];
    if (typeof userId === 'string') await assertMayActOnUser(caller, userId);
  }
}

/**
 * Built-in apps (the dashboard's own client, the demo app) change only through root: with
 * write_app alone a caller could rename the dashboard's client or point its settings elsewhere.
 */
export function assertMayChangeApp(caller: ScopeHolder, app: { isBuiltIn: boolean }): void {
  if (app.isBuiltIn && !isRoot(caller)) throw new AppError(AccessErrors.built_in_app_needs_root);
}

/**
 * Token introspection (RFC 7662) tells its caller whose a token is and what it grants, for any
 * token: an S2S app may ask only when it holds root or was flagged for it (allowIntrospection).
 */
export function mayIntrospect(app: { allowIntrospection: boolean; scopeNames: readonly string[] }): boolean {
  return app.allowIntrospection || isRoot(app.scopeNames);
}

/** The flag itself is set or cleared by root only: with write_app an app could flag itself. */
export function assertMaySetIntrospection(caller: ScopeHolder, current: boolean, next: boolean | undefined): void {
  if (next !== undefined && next !== current && !isRoot(caller)) throw new AppError(AccessErrors.introspection_needs_root);
}
