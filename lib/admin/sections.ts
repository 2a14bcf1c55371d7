import { missingScopes } from '@/lib/access/scopes';

/**
 * The dashboard's sections, in navigation order, and the API scopes each needs to be seen. One
 * place for both the sidebar (what is shown) and the pages' server-side gate (what is rendered):
 * a section's page must never show to a session its navigation hides. Writes inside a section
 * are gated separately with lib/access's `hasScope` (e.g. write_scope), and the API refuses them anyway.
 */
export const ADMIN_SECTIONS = [
  { id: 'dashboard', href: '/admin', scopes: [] },
  { id: 'users', href: '/admin/users', scopes: ['read_user'] },
  { id: 'roles', href: '/admin/roles', scopes: ['read_role'] },
  { id: 'scopes', href: '/admin/scopes', scopes: ['read_scope'] },
  { id: 'apps', href: '/admin/apps', scopes: ['read_app'] },
  { id: 'orgs', href: '/admin/orgs', scopes: ['read_org'] },
  { id: 'userAttributes', href: '/admin/user-attributes', scopes: ['read_user'] },
  { id: 'banners', href: '/admin/banners', scopes: ['read_app'] },
  // Melody's logs API is root-only; so is the audit history.
  { id: 'logs', href: '/admin/logs', scopes: ['root'] },
  { id: 'audit', href: '/admin/audit', scopes: ['root'] },
  { id: 'saml', href: '/admin/saml', scopes: ['manage_saml'] },
  // Webhook endpoints receive every kind of event: root, as the API.
  { id: 'webhooks', href: '/admin/webhooks', scopes: ['root'] },
  // A key can be given any S2S scope, root included: root, as the API.
  { id: 'apiKeys', href: '/admin/api-keys', scopes: ['root'] },
  { id: 'account', href: '/admin/account', scopes: [] },
] as const satisfies readonly { id: string; href: string; scopes: readonly string[] }[];

export type AdminSection = (typeof ADMIN_SECTIONS)[number];
export type AdminSectionId = AdminSection['id'];

/**
 * Whether a session with `scopes` may see a section: it needs every scope the section lists. A
 * session with no admin right at all sees nothing (it gets the "no access" page instead).
 */
export function canSeeSection(scopes: readonly string[], id: AdminSectionId): boolean {
  if (!scopes.length) return false;
  const section = ADMIN_SECTIONS.find((candidate) => candidate.id === id);
  if (!section) return false;
  return missingScopes(scopes, section.scopes).length === 0;
}

/** The sections a session may see, in navigation order. */
export function visibleSections(scopes: readonly string[]): AdminSection[] {
  return ADMIN_SECTIONS.filter((section) => canSeeSection(scopes, section.id));
}

/** The section a dashboard path belongs to (the longest matching prefix), for the current nav item. */
export function sectionOfPath(pathname: string): AdminSectionId | null {
  let best: AdminSection | null = null;
  for (const section of ADMIN_SECTIONS) {
    const matches = pathname === section.href || pathname.startsWith(`${section.href}/`);
    if (matches && (!best || section.href.length > best.href.length)) best = section;
  }
  return best?.id ?? null;
}
