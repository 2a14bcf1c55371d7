import { holdsRight } from '@/lib/access/scopes';
import { ROOT_ONLY_ADMIN_SCOPES, type AdminScope } from '@/lib/roles/admin-scopes';

/** The rows of the admin rights matrix: one resource, a read and a write scope. */
export const RIGHTS_RESOURCES = ['user', 'app', 'role', 'scope', 'org'] as const satisfies readonly string[];
export type RightsResource = (typeof RIGHTS_RESOURCES)[number];

export const rightScope = (resource: RightsResource, access: 'read' | 'write') => `${access}_${resource}` as AdminScope;

/** The dashboard rights that are not per resource (root grants them; see lib/roles/admin.ts). */
export const SPECIAL_RIGHTS = ROOT_ONLY_ADMIN_SCOPES;

/**
 * Whether the signed-in admin may give or take away `scope` on a role: the API's rule
 * (lib/access's holdsRight), so the editor disables what the server would refuse.
 */
export function mayGrant(viewerScopes: readonly string[], scope: string): boolean {
  return holdsRight(viewerScopes, scope);
}
