// The `org` claim of user tokens (issue 12 item 1). The org a request names (`/authorize?org=`,
// the embedded API's `org`, the org choice) brands pages, but a token only ever names an org the
// user belongs to, and only with ENABLE_ORG on. A requested org the user does not belong to
// (unknown, malformed, someone else's tenant, branding-only) is ignored as Melody ignores an
// unknown org: the user's active org is used instead, when it is still one of theirs.
import { config } from '@/lib/config';
import { db, type Tx } from '@/lib/db';

/** Memberships count, and so does an active org that predates memberships (lib/orgs/memberships). */
function memberOrgWhere(userId: string) {
  return { onlyUseForBrandingOverride: false, OR: [{ members: { some: { userId } } }, { activeUsers: { some: { id: userId } } }] };
}

/** The slug the user's tokens may carry for `requested` ('' = no `org` claim). */
export async function tokenOrgSlug(userId: string, requested: string, client: Tx | typeof db = db): Promise<string> {
  if (!config().enableOrg || !requested) return '';
  const named = await client.org.findFirst({ where: { slug: requested, ...memberOrgWhere(userId) }, select: { slug: true } });
  if (named) return named.slug;
  const active = await client.org.findFirst({ where: { activeUsers: { some: { id: userId } }, ...memberOrgWhere(userId) }, select: { slug: true } });
  return active?.slug ?? '';
}
