import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { ensureSeeded, makeUser } from '@/lib/testing/factories';
import { callApi, s2sToken } from '../testing';
import { createOrgGroupRoute, deleteOrgGroupRoute, listOrgGroupsRoute, listOrgGroupUsersRoute, updateOrgGroupRoute } from './org-groups';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

afterEach(() => resetConfigForTesting());

async function makeOrg() {
  const slug = `org-${randomUUID().slice(0, 8)}`;
  return db.org.create({ data: { name: slug, slug } });
}

const everyCall = (token: string) => [
  callApi(listOrgGroupsRoute, { token, query: { org_id: UNKNOWN_ID } }),
  callApi(createOrgGroupRoute, { token, body: { name: 'Team', orgId: UNKNOWN_ID } }),
  callApi(updateOrgGroupRoute, { token, params: { id: UNKNOWN_ID }, body: { name: 'Team' } }),
  callApi(deleteOrgGroupRoute, { token, params: { id: UNKNOWN_ID } }),
  callApi(listOrgGroupUsersRoute, { token, params: { id: UNKNOWN_ID } }),
];

describe('S2S API: org groups behind ENABLE_ORG and enableOrgGroup', () => {
  it('answers every operation with 400 feature_disabled while ENABLE_ORG is off (the default)', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_org', 'write_org', 'read_user']);
    for (const result of await Promise.all(everyCall(token))) {
      expect(result.status).toBe(400);
      expect(result.body.error).toBe('feature_disabled');
    }
    expect(await db.orgGroup.count()).toBe(0);
  });

  it('answers feature_disabled while org groups are off, even with ENABLE_ORG on', async () => {
    overrideConfigForTesting({ enableOrg: true, enableOrgGroup: false });
    await ensureSeeded();
    const token = await s2sToken(['read_org', 'write_org', 'read_user']);
    for (const result of await Promise.all(everyCall(token))) {
      expect(result.status).toBe(400);
      expect(result.body).toMatchObject({ error: 'feature_disabled', message: 'Org groups are disabled.' });
    }
  });
});

describe('S2S API: org groups, ENABLE_ORG on', () => {
  beforeEach(() => overrideConfigForTesting({ enableOrg: true }));

  it('creates, lists per org, renames and deletes groups, with an audit event per write', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_org', 'write_org']);
    const org = await makeOrg();
    const other = await makeOrg();
    const created = await callApi(createOrgGroupRoute, { token, body: { name: ' Engineering ', orgId: org.id } });
    expect(created.status).toBe(201);
    expect(created.body.orgGroup).toMatchObject({ name: 'Engineering', orgId: org.id });
    const id = created.body.orgGroup.id as string;
    await callApi(createOrgGroupRoute, { token, body: { name: 'Design', orgId: org.id } });
    // the same name in another org is fine
    expect((await callApi(createOrgGroupRoute, { token, body: { name: 'Engineering', orgId: other.id } })).status).toBe(201);

    const listed = await callApi(listOrgGroupsRoute, { token, query: { org_id: org.id } });
    expect(listed.body.orgGroups.map((group: { name: string }) => group.name)).toEqual(['Design', 'Engineering']);

    const renamed = await callApi(updateOrgGroupRoute, { token, params: { id }, body: { name: 'Platform' } });
    expect(renamed.body.orgGroup).toMatchObject({ id, name: 'Platform', orgId: org.id });

    const member = await makeUser();
    await db.userOrgGroup.create({ data: { userId: member.id, orgGroupId: id } });
    expect((await callApi(deleteOrgGroupRoute, { token, params: { id } })).status).toBe(204);
    expect(await db.userOrgGroup.count({ where: { orgGroupId: id } })).toBe(0);
    expect((await callApi(updateOrgGroupRoute, { token, params: { id }, body: { name: 'Again' } })).status).toBe(404);
    const events = await db.auditEvent.findMany({ where: { targetId: id }, orderBy: { createdAt: 'asc' } });
    expect(events.map((event) => event.action)).toEqual(['org_group.created', 'org_group.updated', 'org_group.deleted']);
    expect(events[2]!.before).toMatchObject({ name: 'Platform', members: 1 });
  });

  it('answers unknown orgs and groups with 404 (400 for an unknown orgId in a body), duplicate names in one org with 409', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_org', 'write_org', 'read_user']);
    const org = await makeOrg();
    expect((await callApi(listOrgGroupsRoute, { token, query: { org_id: UNKNOWN_ID } })).body.error).toBe('org_not_found');
    expect((await callApi(listOrgGroupsRoute, { token, query: { org_id: 'nope' } })).status).toBe(400);
    expect((await callApi(listOrgGroupsRoute, { token })).status).toBe(400);
    const unknownOrg = await callApi(createOrgGroupRoute, { token, body: { name: 'Team', orgId: UNKNOWN_ID } });
    expect(unknownOrg.status).toBe(400);
    expect(unknownOrg.body).toMatchObject({ error: 'unknown_org', fields: { orgId: expect.any(String) } });
    const first = (await callApi(createOrgGroupRoute, { token, body: { name: 'Team', orgId: org.id } })).body.orgGroup;
    const duplicate = await callApi(createOrgGroupRoute, { token, body: { name: 'Team', orgId: org.id } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toBe('org_group_name_taken');
    const second = (await callApi(createOrgGroupRoute, { token, body: { name: 'Other', orgId: org.id } })).body.orgGroup;
    expect((await callApi(updateOrgGroupRoute, { token, params: { id: second.id }, body: { name: 'Team' } })).status).toBe(409);
    expect((await callApi(updateOrgGroupRoute, { token, params: { id: first.id }, body: { name: 'Team' } })).status).toBe(200);
    expect((await callApi(createOrgGroupRoute, { token, body: { name: '', orgId: org.id } })).body.fields).toHaveProperty('name');
    expect((await callApi(deleteOrgGroupRoute, { token, params: { id: UNKNOWN_ID } })).body.error).toBe('org_group_not_found');
    expect((await callApi(listOrgGroupUsersRoute, { token, params: { id: UNKNOWN_ID } })).status).toBe(404);
  });

  it('lists the members of a group (paged, with count)', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_org', 'read_user']);
    const org = await makeOrg();
    const group = await db.orgGroup.create({ data: { orgId: org.id, name: 'Team' } });
    const members = [await makeUser(), await makeUser(), await makeUser()];
    for (const user of members) await db.userOrgGroup.create({ data: { userId: user.id, orgGroupId: group.id } });
    await makeUser();
    const listed = await callApi(listOrgGroupUsersRoute, { token, params: { id: group.id } });
    expect(listed.body.count).toBe(3);
    expect(listed.body.users.map((user: { authId: string }) => user.authId)).toEqual(members.map((user) => user.id));
    const page = await callApi(listOrgGroupUsersRoute, { token, params: { id: group.id }, query: { page_size: '1', page_number: '3' } });
    expect(page.body).toMatchObject({ count: 3, users: [{ authId: members[2]!.id }] });
  });

  it('needs read_org to list, write_org to write, read_user + read_org for members (403)', async () => {
    await ensureSeeded();
    const org = await makeOrg();
    const readOrg = await s2sToken(['read_org']);
    expect((await callApi(listOrgGroupsRoute, { token: readOrg, query: { org_id: org.id } })).status).toBe(200);
    expect((await callApi(createOrgGroupRoute, { token: readOrg, body: { name: 'x', orgId: org.id } })).status).toBe(403);
    expect((await callApi(updateOrgGroupRoute, { token: readOrg, params: { id: UNKNOWN_ID }, body: { name: 'x' } })).status).toBe(403);
    expect((await callApi(deleteOrgGroupRoute, { token: readOrg, params: { id: UNKNOWN_ID } })).status).toBe(403);
    expect((await callApi(listOrgGroupUsersRoute, { token: readOrg, params: { id: UNKNOWN_ID } })).status).toBe(403);
    expect((await callApi(listOrgGroupUsersRoute, { token: await s2sToken(['read_user']), params: { id: UNKNOWN_ID } })).status).toBe(403);
    expect((await callApi(listOrgGroupsRoute, { token: await s2sToken(['write_org']), query: { org_id: org.id } })).status).toBe(403);
  });
});
