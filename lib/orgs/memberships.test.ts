import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditActor } from '@/lib/audit';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { makeUser } from '@/lib/testing/factories';
import { getOrgBySlug } from './admin';
import { addUserToOrgGroup, listUserOrgs, replaceUserOrgs } from './memberships';

const actor: AuditActor = { type: 'system', id: null, ip: '' };

afterEach(() => resetConfigForTesting());

describe('org services for the hosted pages and the dashboard', () => {
  it('find nothing and change nothing while ENABLE_ORG is off', async () => {
    const slug = `off-${randomUUID().slice(0, 8)}`;
    await db.org.create({ data: { name: slug, slug } });
    expect(await getOrgBySlug(slug)).toBeNull();
    const user = await makeUser();
    await expect(listUserOrgs(user.id)).rejects.toMatchObject({ code: 'feature_disabled' });
    await expect(replaceUserOrgs(actor, user.id, [])).rejects.toMatchObject({ code: 'feature_disabled' });
  });

  it('find an org by slug, list a user’s switchable orgs, and keep group members inside their orgs', async () => {
    overrideConfigForTesting({ enableOrg: true });
    const slug = `on-${randomUUID().slice(0, 8)}`;
    const org = await db.org.create({ data: { name: slug, slug } });
    const theme = await db.org.create({ data: { name: `${slug}-theme`, slug: `${slug}-theme`, onlyUseForBrandingOverride: true } });
    expect((await getOrgBySlug(slug))?.id).toBe(org.id);
    expect(await getOrgBySlug('')).toBeNull();
    const user = await makeUser();
    expect((await replaceUserOrgs(actor, user.id, [org.id])).map((entry) => entry.id)).toEqual([org.id]);
    await db.userOrg.create({ data: { userId: user.id, orgId: theme.id } });
    expect((await listUserOrgs(user.id)).map((entry) => entry.id)).toEqual([org.id]);

    const group = await db.orgGroup.create({ data: { orgId: org.id, name: 'Team' } });
    await addUserToOrgGroup(actor, user.id, group.id);
    await replaceUserOrgs(actor, user.id, [theme.id]);
    expect(await db.userOrgGroup.count({ where: { userId: user.id } })).toBe(0);
    // an existing branding-only membership may stay
    expect(await db.userOrg.count({ where: { userId: user.id, orgId: theme.id } })).toBe(1);
  });
});
