import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { ensureSeeded, makeUser } from '@/lib/testing/factories';
import { callApi, s2sToken } from '../testing';
import { addUserToOrgGroupRoute, listUserOrgsRoute, removeUserFromOrgGroupRoute, replaceUserOrgsRoute } from './user-orgs';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

afterEach(() => resetConfigForTesting());

async function makeOrg(overrides: { onlyUseForBrandingOverride?: boolean; name?: string } = {}) {
  const slug = `org-${randomUUID().slice(0, 8)}`;
  return db.org.create({ data: { name: overrides.name ?? slug, slug, onlyUseForBrandingOverride: overrides.onlyUseForBrandingOverride ?? false } });
}

const ids = (body: { orgs: { id: string }[] }) => body.orgs.map((org) => org.id);

describe('S2S API: user orgs and org groups, feature gates', () => {
  it('answers every operation with 400 feature_disabled while ENABLE_ORG is off (the default)', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_user', 'write_user', 'read_org', 'write_org']);
    const user = await makeUser();
    const calls = [
      callApi(listUserOrgsRoute, { token, params: { authId: user.id } }),
      callApi(replaceUserOrgsRoute, { token, params: { authId: user.id }, body: { orgs: [] } }),
      callApi(addUserToOrgGroupRoute, { token, params: { authId: user.id, orgGroupId: UNKNOWN_ID } }),
      callApi(removeUserFromOrgGroupRoute, { token, params: { authId: user.id, orgGroupId: UNKNOWN_ID } }),
    ];
    for (const result of await Promise.all(calls)) {
      expect(result.status).toBe(400);
      expect(result.body.error).toBe('feature_disabled');
    }
  });

  it('org-group membership is off while org groups are, the org list is not', async () => {
    overrideConfigForTesting({ enableOrg: true, enableOrgGroup: false });
    await ensureSeeded();
    const token = await s2sToken(['read_user', 'write_user', 'read_org', 'write_org']);
    const user = await makeUser();
    expect((await callApi(listUserOrgsRoute, { token, params: { authId: user.id } })).status).toBe(200);
    expect((await callApi(addUserToOrgGroupRoute, { token, params: { authId: user.id, orgGroupId: UNKNOWN_ID } })).body.error).toBe('feature_disabled');
    expect((await callApi(removeUserFromOrgGroupRoute, { token, params: { authId: user.id, orgGroupId: UNKNOWN_ID } })).body.error).toBe('feature_disabled');
  });
});

describe('S2S API: user orgs and org groups, ENABLE_ORG on', () => {
  beforeEach(() => overrideConfigForTesting({ enableOrg: true }));

  it('replaces memberships; removing the active org clears it and the user’s groups there; GET hides branding-only orgs', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_user', 'write_user', 'read_org', 'write_org']);
    const user = await makeUser();
    const [alpha, beta, gamma] = [await makeOrg({ name: `a-${randomUUID()}` }), await makeOrg({ name: `b-${randomUUID()}` }), await makeOrg({ name: `c-${randomUUID()}` })];

    const first = await callApi(replaceUserOrgsRoute, { token, params: { authId: user.id }, body: { orgs: [alpha.id, beta.id, alpha.id] } });
    expect(first.status).toBe(200);
    expect(first.body.success).toBe(true);
    expect(ids(first.body as never)).toEqual([alpha.id, beta.id]);

    // active org alpha, in a group of alpha and one of beta
    await db.user.update({ where: { id: user.id }, data: { activeOrgId: alpha.id } });
    const alphaGroup = await db.orgGroup.create({ data: { orgId: alpha.id, name: 'A team' } });
    const betaGroup = await db.orgGroup.create({ data: { orgId: beta.id, name: 'B team' } });
    expect((await callApi(addUserToOrgGroupRoute, { token, params: { authId: user.id, orgGroupId: alphaGroup.id } })).body).toEqual({ success: true });
    expect((await callApi(addUserToOrgGroupRoute, { token, params: { authId: user.id, orgGroupId: betaGroup.id } })).status).toBe(200);

    const second = await callApi(replaceUserOrgsRoute, { token, params: { authId: user.id }, body: { orgs: [beta.id, gamma.id] } });
    expect(ids(second.body as never)).toEqual([beta.id, gamma.id]);
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id }, include: { orgGroups: true } });
    expect(after.activeOrgId).toBeNull();
    expect(after.orgGroups.map((entry) => entry.orgGroupId)).toEqual([betaGroup.id]);

    // an active org that stays is kept
    await db.user.update({ where: { id: user.id }, data: { activeOrgId: beta.id } });
    await callApi(replaceUserOrgsRoute, { token, params: { authId: user.id }, body: { orgs: [beta.id] } });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).activeOrgId).toBe(beta.id);

    // a membership of an org turned branding-only afterwards is hidden by GET
    await db.org.update({ where: { id: beta.id }, data: { onlyUseForBrandingOverride: true } });
    expect((await callApi(listUserOrgsRoute, { token, params: { authId: user.id } })).body.orgs).toEqual([]);

    const events = await db.auditEvent.findMany({ where: { targetId: user.id, action: 'user.orgs_replaced' }, orderBy: { createdAt: 'asc' } });
    expect(events).toHaveLength(3);
    expect(events[1]).toMatchObject({
      actorType: 'app',
      before: { activeOrgId: alpha.id, orgIds: [alpha.id, beta.id].sort(), orgGroupIds: [alphaGroup.id, betaGroup.id].sort() },
      after: { orgIds: [beta.id, gamma.id].sort(), orgGroupIds: [betaGroup.id] },
    });
    expect((events[1]!.after as Record<string, unknown>).activeOrgId).toBeNull();
    // clearing every membership
    const cleared = await callApi(replaceUserOrgsRoute, { token, params: { authId: user.id }, body: { orgs: [] } });
    expect(cleared.body.orgs).toEqual([]);
    expect(await db.userOrg.count({ where: { userId: user.id } })).toBe(0);
  });

  it('refuses unknown orgs and newly added branding-only orgs (400) and changes nothing; unknown users are 404', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_user', 'write_user', 'read_org', 'write_org']);
    const user = await makeUser();
    const org = await makeOrg();
    const theme = await makeOrg({ onlyUseForBrandingOverride: true });
    await callApi(replaceUserOrgsRoute, { token, params: { authId: user.id }, body: { orgs: [org.id] } });

    const unknown = await callApi(replaceUserOrgsRoute, { token, params: { authId: user.id }, body: { orgs: [UNKNOWN_ID] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: 'unknown_org', fields: { orgs: UNKNOWN_ID } });
    const brandingOnly = await callApi(replaceUserOrgsRoute, { token, params: { authId: user.id }, body: { orgs: [theme.id] } });
    expect(brandingOnly.status).toBe(400);
    expect(brandingOnly.body.error).toBe('branding_only_org');
    expect((await callApi(replaceUserOrgsRoute, { token, params: { authId: user.id }, body: { orgs: ['x'] } })).status).toBe(400);
    expect((await callApi(replaceUserOrgsRoute, { token, params: { authId: user.id }, body: {} })).body.fields).toHaveProperty('orgs');
    expect((await db.userOrg.findMany({ where: { userId: user.id } })).map((row) => row.orgId)).toEqual([org.id]);

    expect((await callApi(listUserOrgsRoute, { token, params: { authId: UNKNOWN_ID } })).body.error).toBe('user_not_found');
    expect((await callApi(replaceUserOrgsRoute, { token, params: { authId: UNKNOWN_ID }, body: { orgs: [] } })).status).toBe(404);
    expect((await callApi(listUserOrgsRoute, { token, params: { authId: 'not-a-uuid' } })).status).toBe(404);
  });

  it('adds to and removes from org groups of the user’s orgs only, with audit events', async () => {
    await ensureSeeded();
    const token = await s2sToken(['write_user', 'write_org']);
    const user = await makeUser();
    const member = await makeOrg();
    const foreign = await makeOrg();
    await db.userOrg.create({ data: { userId: user.id, orgId: member.id } });
    const group = await db.orgGroup.create({ data: { orgId: member.id, name: 'Team' } });
    const foreignGroup = await db.orgGroup.create({ data: { orgId: foreign.id, name: 'Team' } });
    const params = { authId: user.id, orgGroupId: group.id };

    // a group of an org the user belongs to, even when it is not the active org
    expect((await callApi(addUserToOrgGroupRoute, { token, params })).status).toBe(200);
    expect((await callApi(addUserToOrgGroupRoute, { token, params })).status).toBe(200);
    expect(await db.userOrgGroup.count({ where: { userId: user.id } })).toBe(1);
    const refused = await callApi(addUserToOrgGroupRoute, { token, params: { authId: user.id, orgGroupId: foreignGroup.id } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('org_group_not_in_user_orgs');
    expect((await callApi(addUserToOrgGroupRoute, { token, params: { authId: user.id, orgGroupId: UNKNOWN_ID } })).body.error).toBe('org_group_not_found');
    expect((await callApi(addUserToOrgGroupRoute, { token, params: { authId: UNKNOWN_ID, orgGroupId: group.id } })).body.error).toBe('user_not_found');

    expect((await callApi(removeUserFromOrgGroupRoute, { token, params })).status).toBe(204);
    const again = await callApi(removeUserFromOrgGroupRoute, { token, params });
    expect(again.status).toBe(404);
    expect(again.body.error).toBe('not_in_org_group');
    expect((await callApi(removeUserFromOrgGroupRoute, { token, params: { authId: user.id, orgGroupId: UNKNOWN_ID } })).body.error).toBe('org_group_not_found');

    // the active org counts as well
    await db.user.update({ where: { id: user.id }, data: { activeOrgId: foreign.id } });
    expect((await callApi(addUserToOrgGroupRoute, { token, params: { authId: user.id, orgGroupId: foreignGroup.id } })).status).toBe(200);

    const events = await db.auditEvent.findMany({ where: { targetId: user.id, action: { startsWith: 'user.org_group' } }, orderBy: { createdAt: 'asc' } });
    expect(events.map((event) => event.action)).toEqual(['user.org_group_added', 'user.org_group_removed', 'user.org_group_added']);
    expect(events[0]!.after).toMatchObject({ orgGroup: { id: group.id, orgId: member.id } });
  });

  it('needs both user and org scopes (403)', async () => {
    await ensureSeeded();
    const user = await makeUser();
    const readUser = await s2sToken(['read_user']);
    expect((await callApi(listUserOrgsRoute, { token: readUser, params: { authId: user.id } })).status).toBe(403);
    expect((await callApi(listUserOrgsRoute, { token: await s2sToken(['read_user', 'read_org']), params: { authId: user.id } })).status).toBe(200);
    const writeUser = await s2sToken(['write_user', 'read_org', 'read_user']);
    expect((await callApi(replaceUserOrgsRoute, { token: writeUser, params: { authId: user.id }, body: { orgs: [] } })).status).toBe(403);
    expect((await callApi(addUserToOrgGroupRoute, { token: writeUser, params: { authId: user.id, orgGroupId: UNKNOWN_ID } })).status).toBe(403);
    const writeOrg = await s2sToken(['write_org']);
    const denied = await callApi(removeUserFromOrgGroupRoute, { token: writeOrg, params: { authId: user.id, orgGroupId: UNKNOWN_ID } });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toBe('insufficient_scope');
    expect((await callApi(replaceUserOrgsRoute, { token: await s2sToken(['root']), params: { authId: user.id }, body: { orgs: [] } })).status).toBe(200);
  });
});
