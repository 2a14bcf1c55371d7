import { ADMIN_SCOPES } from '@/lib/roles/admin-scopes';
import { SUPER_ADMIN_ROLE } from '@/lib/scopes/builtin';

/** Melody's privileged scope: it grants every S2S permission. */
const ROOT = 'root';

export interface RoleRights {
  name: string;
  isBuiltIn: boolean;
  adminScopes: readonly string[];
}

/**
 * The API scopes an admin's roles give (one permission check for both kinds of principal): the
 * built-in super_admin role is root; any other role gives its adminScopes (the S2S scope names
 * plus impersonation and manage_saml). Unknown names, and root on any role but the built-in
 * super_admin, are ignored. An empty result means the user is no admin.
 */
export function adminScopesOfRoles(roles: readonly RoleRights[]): string[] {
  if (roles.some((role) => role.isBuiltIn && role.name === SUPER_ADMIN_ROLE)) return [ROOT];
  const granted = new Set(roles.flatMap((role) => role.adminScopes));
  return ADMIN_SCOPES.filter((scope) => granted.has(scope));
}
