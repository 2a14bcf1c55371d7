// A user's orgs and org groups: the S2S API, the admin dashboard and the hosted org switch.
//
// Rules:
// - Memberships (user_org) are replaced as a whole. Removing the user's active org clears it, and
//   removing an org also removes the user from that org's groups (a group member is always a
//   member of the group's org). Newly added orgs must not be branding-only.
// - A user joins a group of an org they belong to (any of their orgs, not only the active one as
//   in Melody: the active org changes with every org switch, memberships do not). The active org
//   counts too, for users whose active org predates memberships.
import { z } from 'zod';
import { recordAudit, type AuditActor } from '@/lib/audit';
import { emitEvents } from '@/lib/events';
import { db, transaction, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { UserErrors } from '@/lib/users/errors';
import { assertOrgGroupsEnabled, assertOrgsEnabled, requireOrgGroup } from './admin';
import { OrgErrors } from './errors';

export const replaceUserOrgsInput = z.object({
  orgs: z.array(z.string().uuid()).max(1000).describe('Ids of every org the user belongs to (replaces the memberships)'),
});

const orgSummary = { id: true, name: true, slug: true, onlyUseForBrandingOverride: true } as const;

async function requireUser(client: Tx | typeof db, id: string) {
  const user = await client.user.findUnique({ where: { id }, select: { id: true, activeOrgId: true } });
  if (!user) throw new AppError(UserErrors.user_not_found);
  return user;
}

async function memberOrgs(client: Tx | typeof db, userId: string) {
  return client.org.findMany({ where: { members: { some: { userId } } }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
}

/** The orgs a user can switch to: memberships, without branding-only orgs (Melody's rule). */
export async function listUserOrgs(userId: string) {
  assertOrgsEnabled();
  await requireUser(db, userId);
  return (await memberOrgs(db, userId)).filter((org) => !org.onlyUseForBrandingOverride);
}

async function membershipState(tx: Tx, userId: string) {
  const [user, orgs, groups] = await Promise.all([
    tx.user.findUniqueOrThrow({ where: { id: userId }, select: { activeOrgId: true } }),
    tx.userOrg.findMany({ where: { userId }, select: { orgId: true }, orderBy: { orgId: 'asc' } }),
    tx.userOrgGroup.findMany({ where: { userId }, select: { orgGroupId: true }, orderBy: { orgGroupId: 'asc' } }),
  ]);
  return { activeOrgId: user.activeOrgId, orgIds: orgs.map((row) => row.orgId), orgGroupIds: groups.map((row) => row.orgGroupId) };
}

/** Replaces the user's memberships in one transaction (audited); returns listUserOrgs. */
export async function replaceUserOrgs(actor: AuditActor, userId: string, orgIds: readonly string[]) {
  assertOrgsEnabled();
  await transaction(async (tx) => {
    const user = await requireUser(tx, userId);
    const wanted = [...new Set(orgIds)];
    const orgs = await tx.org.findMany({ where: { id: { in: wanted } }, select: orgSummary });
    const missing = wanted.filter((id) => !orgs.some((org) => org.id === id));
    if (missing.length) throw new AppError(OrgErrors.unknown_org, `Unknown org: ${missing.join(', ')}`, { orgs: missing.join(', ') });
    const before = await membershipState(tx, userId);
    const added = wanted.filter((id) => !before.orgIds.includes(id));
    const removed = before.orgIds.filter((id) => !wanted.includes(id));
    const brandingOnly = orgs.filter((org) => added.includes(org.id) && org.onlyUseForBrandingOverride);
    if (brandingOnly.length) {
      throw new AppError(OrgErrors.branding_only_org, `Branding-only org: ${brandingOnly.map((org) => org.slug).join(', ')}`, {
        orgs: brandingOnly.map((org) => org.id).join(', '),
      });
    }
    if (!added.length && !removed.length) return;
    if (removed.length) {
      await tx.userOrg.deleteMany({ where: { userId, orgId: { in: removed } } });
      await tx.userOrgGroup.deleteMany({ where: { userId, orgGroup: { orgId: { in: removed } } } });
      if (user.activeOrgId && removed.includes(user.activeOrgId)) {
        await tx.user.update({ where: { id: userId }, data: { activeOrgId: null } });
      }
    }
    if (added.length) await tx.userOrg.createMany({ data: added.map((orgId) => ({ userId, orgId })) });
    const after = await membershipState(tx, userId);
    await recordAudit(tx, actor, { action: 'user.orgs_replaced', targetType: 'user', targetId: userId, before, after });
    const slugs = new Map([...orgs, ...(await tx.org.findMany({ where: { id: { in: removed } }, select: { id: true, slug: true } }))].map((org) => [org.id, org.slug]));
    await emitEvents(tx, actor, [
      ...added.map((orgId) => ({ type: 'identity.org.member.added' as const, data: { authId: userId, orgId, orgSlug: slugs.get(orgId) ?? '' } })),
      ...removed.map((orgId) => ({ type: 'identity.org.member.removed' as const, data: { authId: userId, orgId, orgSlug: slugs.get(orgId) ?? '' } })),
    ]);
  });
  return listUserOrgs(userId);
}

/** Adds the user to a group of one of their orgs; already a member is fine (nothing changes). */
export async function addUserToOrgGroup(actor: AuditActor, userId: string, orgGroupId: string): Promise<void> {
  assertOrgGroupsEnabled();
  await transaction(async (tx) => {
    const user = await requireUser(tx, userId);
    const group = await requireOrgGroup(tx, orgGroupId);
    const member = group.orgId === user.activeOrgId || (await tx.userOrg.count({ where: { userId, orgId: group.orgId } })) > 0;
    if (!member) throw new AppError(OrgErrors.org_group_not_in_user_orgs);
    const existing = await tx.userOrgGroup.findUnique({ where: { userId_orgGroupId: { userId, orgGroupId } } });
    if (existing) return;
    await tx.userOrgGroup.create({ data: { userId, orgGroupId } });
    await recordAudit(tx, actor, { action: 'user.org_group_added', targetType: 'user', targetId: userId, after: { orgGroup: group } });
  });
}

export async function removeUserFromOrgGroup(actor: AuditActor, userId: string, orgGroupId: string): Promise<void> {
  assertOrgGroupsEnabled();
  await transaction(async (tx) => {
    await requireUser(tx, userId);
    const group = await requireOrgGroup(tx, orgGroupId);
    const { count } = await tx.userOrgGroup.deleteMany({ where: { userId, orgGroupId } });
    if (!count) throw new AppError(OrgErrors.not_in_org_group);
    await recordAudit(tx, actor, { action: 'user.org_group_removed', targetType: 'user', targetId: userId, before: { orgGroup: group } });
  });
}
