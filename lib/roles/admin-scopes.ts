import { SUPER_ADMIN_ROLE } from '@/lib/access/builtin';

// The rights vocabulary is the access module's (lib/access/rights.ts); re-exported for the role forms.
export { ADMIN_SCOPES, ROOT_ONLY_ADMIN_SCOPES, type AdminScope } from '@/lib/access/rights';

export function isReservedRoleName(name: string): boolean {
  return name.toLowerCase() === SUPER_ADMIN_ROLE;
}
