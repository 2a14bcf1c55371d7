import { S2S_BUILT_IN_SCOPES, SUPER_ADMIN_ROLE } from '@/lib/access/builtin';

/** Melody's privileged scope: it grants every S2S scope and every dashboard right. */
export const ROOT_SCOPE = 'root';

/** Dashboard rights that are not S2S scopes; the S2S API gives them to root only. */
export const ROOT_ONLY_ADMIN_SCOPES = ['impersonation', 'manage_saml'] as const;

/**
 * What a custom admin role may grant in the dashboard: each S2S API scope except root (the
 * built-in super_admin role has root), plus impersonation and SAML management.
 */
export const ADMIN_SCOPES = [...S2S_BUILT_IN_SCOPES.filter((scope) => scope !== ROOT_SCOPE), ...ROOT_ONLY_ADMIN_SCOPES] as const;
export type AdminScope = (typeof ADMIN_SCOPES)[number];

export interface RoleRights {
  name: string;
  isBuiltIn: boolean;
  adminScopes: readonly string[];
}

/**
 * The rights a user's roles give: the API scopes of their admin session, and what a caller must
 * hold to act on them (lib/access/targets.ts). The built-in super_admin role is root; any other
 * role gives its adminScopes (the S2S scope names plus impersonation and manage_saml). Unknown
 * names, and root on any role but the built-in super_admin, are ignored. Empty: no admin.
 */
export function rightsOfRoles(roles: readonly RoleRights[]): string[] {
  if (roles.some((role) => role.isBuiltIn && role.name === SUPER_ADMIN_ROLE)) return [ROOT_SCOPE];
  const granted = new Set(roles.flatMap((role) => role.adminScopes));
  return ADMIN_SCOPES.filter((scope) => granted.has(scope));
}
