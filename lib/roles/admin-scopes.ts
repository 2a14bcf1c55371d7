import { S2S_BUILT_IN_SCOPES, SUPER_ADMIN_ROLE } from '@/lib/scopes/builtin';

/** Dashboard rights that are not S2S scopes; the S2S API gives them to root only. */
export const ROOT_ONLY_ADMIN_SCOPES = ['impersonation', 'manage_saml'] as const;

/**
 * What a custom admin role may grant in the dashboard: each S2S API scope except root (the
 * built-in super_admin role has root), plus impersonation and SAML management.
 */
export const ADMIN_SCOPES = [...S2S_BUILT_IN_SCOPES.filter((scope) => scope !== 'root'), ...ROOT_ONLY_ADMIN_SCOPES] as const;
export type AdminScope = (typeof ADMIN_SCOPES)[number];

export function isReservedRoleName(name: string): boolean {
  return name.toLowerCase() === SUPER_ADMIN_ROLE;
}
