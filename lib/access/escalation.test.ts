import { describe, expect, it } from 'vitest';
import { makeAdminSession } from '@/lib/admin/testing';
import { callApi, s2sToken } from '@/lib/api/testing';
import { apiRoutes } from '@/lib/api/registry';
import { updateAppRoute, deleteAppRoute } from '@/lib/api/routes/apps';
import { removeEmailMfaRoute } from '@/lib/api/routes/user-account';
import { DASHBOARD_CLIENT_ID } from '@/lib/apps/builtin';
import { db } from '@/lib/db';
import { S2S_BUILT_IN_SCOPES, SUPER_ADMIN_ROLE } from '@/lib/access/builtin';
import { ensureSeeded, makeUser } from '@/lib/testing/factories';

// Every S2S scope but root: the strongest caller that is still not root.
const ALL_BUT_ROOT = S2S_BUILT_IN_SCOPES.filter((scope) => scope !== 'root');
const ANY_ID = '00000000-0000-4000-8000-000000000001';

/** Every write of the API that names a user in its path: all of them act on that user. */
const userWrites = apiRoutes.filter((route) => route.method !== 'GET' && /\{(authId|linkingAuthId)\}/.test(route.path));

async function makeRole(name: string, adminScopes: string[]) {
  return db.role.create({ data: { name, adminScopes } });
}

function paramsFor(path: string, target: string) {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  return Object.fromEntries(names.map((name) => [name, name === 'authId' ? target : ANY_ID]));
}

describe('issue 12 item 8: no escalation through the S2S API and the dashboard', () => {
  it('issue 12 item 8: a read_user write_user token cannot remove a super_admin’s email MFA (was 204)', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_user', 'write_user']);
    const admin = await makeUser({ roles: [SUPER_ADMIN_ROLE] });
    await db.mfaEnrollment.create({ data: { userId: admin.id, type: 'email' } });
    const refused = await callApi(removeEmailMfaRoute, { token, params: { authId: admin.id } });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('target_outranks_caller');
    expect(await db.mfaEnrollment.count({ where: { userId: admin.id } })).toBe(1);

    // the same token still manages a user holding no rights
    const plain = await makeUser();
    await db.mfaEnrollment.create({ data: { userId: plain.id, type: 'email' } });
    expect((await callApi(removeEmailMfaRoute, { token, params: { authId: plain.id } })).status).toBe(204);
    // and root manages the super_admin
    expect((await callApi(removeEmailMfaRoute, { token: await s2sToken(['root']), params: { authId: admin.id } })).status).toBe(204);
  });

  it('issue 12 item 8: every user write of the API refuses a non-root token on a super_admin, before reading the body', async () => {
    await ensureSeeded();
    expect(userWrites.length).toBeGreaterThanOrEqual(15);
    const token = await s2sToken(ALL_BUT_ROOT);
    const admin = await makeUser({ roles: [SUPER_ADMIN_ROLE] });
    const before = await db.user.findUniqueOrThrow({ where: { id: admin.id } });
    for (const route of userWrites) {
      const answer = await callApi(route, { token, params: paramsFor(route.path, admin.id), body: {} });
      // impersonation needs root of any S2S token, whatever the target
      const expected = route.scopes.includes('root') ? 'insufficient_scope' : 'target_outranks_caller';
      expect({ operation: route.operationId, status: answer.status, error: answer.body?.error }).toEqual({
        operation: route.operationId,
        status: 403,
        error: expected,
      });
    }
    expect(await db.user.findUniqueOrThrow({ where: { id: admin.id } })).toEqual(before);
  });

  it('issue 12 item 8: a dashboard admin cannot act on a user holding a right the admin lacks; root can', async () => {
    await ensureSeeded();
    const suffix = Math.random().toString(36).slice(2, 8);
    await makeRole(`helpdesk-${suffix}`, ['read_user', 'write_user']);
    await makeRole(`app-admin-${suffix}`, ['read_app', 'write_app']);
    const helpdesk = await makeUser({ roles: [`helpdesk-${suffix}`] });
    const appAdmin = await makeUser({ roles: [`app-admin-${suffix}`] });
    const peer = await makeUser({ roles: [`helpdesk-${suffix}`] });
    for (const target of [appAdmin, peer]) await db.mfaEnrollment.create({ data: { userId: target.id, type: 'email' } });
    const session = await makeAdminSession(helpdesk.id);

    const refused = await callApi(removeEmailMfaRoute, { admin: session, params: { authId: appAdmin.id } });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('target_outranks_caller');
    // a peer holding no more than the admin: allowed
    expect((await callApi(removeEmailMfaRoute, { admin: session, params: { authId: peer.id } })).status).toBe(204);
    const root = await makeAdminSession((await makeUser({ roles: [SUPER_ADMIN_ROLE] })).id);
    expect((await callApi(removeEmailMfaRoute, { admin: root, params: { authId: appAdmin.id } })).status).toBe(204);
  });

  it('issue 12 item 8: write_app cannot change the dashboard’s own app or a built-in app; root can rename them', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_app', 'write_app']);
    const builtIn = await db.app.findMany({ where: { isBuiltIn: true } });
    expect(builtIn.map((app) => app.clientId)).toContain(DASHBOARD_CLIENT_ID);
    for (const app of builtIn) {
      const renamed = await callApi(updateAppRoute, { token, params: { id: app.id }, body: { name: 'Hijacked' } });
      expect(renamed.status).toBe(403);
      expect(renamed.body.error).toBe('built_in_app_needs_root');
      expect((await db.app.findUniqueOrThrow({ where: { id: app.id } })).name).toBe(app.name);
      expect((await callApi(deleteAppRoute, { token, params: { id: app.id } })).status).toBe(403);
      const root = await s2sToken(['root']);
      expect((await callApi(updateAppRoute, { token: root, params: { id: app.id }, body: { name: app.name } })).status).toBe(200);
    }
  });
});
