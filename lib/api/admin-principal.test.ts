import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { rightsOfRoles } from '@/lib/access/rights';
import { makeAdminSession, signInToDashboard } from '@/lib/admin/testing';
import { ADMIN_SESSION_IDLE_TIMEOUT_SECONDS } from '@/lib/admin/session';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { endSsoSession } from '@/lib/identity/sso-session';
import { ensureSeeded, makeUser } from '@/lib/testing/factories';
import { createSamlIdpRoute, listSamlIdpsRoute } from './routes/saml-idps';
import { createRoleRoute } from './routes/roles';
import { createScopeRoute, deleteScopeRoute, listScopesRoute } from './routes/scopes';
import { listSigningKeysRoute } from './routes/signing-keys';
import { createUserRoute, importUsersRoute, listUsersRoute, updateUserRoute } from './routes/users';
import { callApi, s2sToken } from './testing';

afterEach(() => resetConfigForTesting());

const tag = () => randomUUID().slice(0, 8);

/** A custom role with `adminScopes`, made directly (role management has its own tests). */
async function makeRole(adminScopes: string[]) {
  await ensureSeeded();
  return db.role.create({ data: { name: `role-${tag()}`, adminScopes } });
}

/** A user holding `roles` and an admin session of theirs. */
async function adminWith(roles: string[]) {
  const user = await makeUser({ roles });
  return { user, session: await makeAdminSession(user.id) };
}

const scopeBody = () => ({ name: `admin_${tag().replace(/-/g, '')}`, type: 's2s' as const });

describe('admin rights: roles → API scopes', () => {
  it('maps super_admin to root, other roles to the union of their known admin scopes, no admin role to none', () => {
    const superAdmin = { name: 'super_admin', isBuiltIn: true, adminScopes: ['root'] };
    expect(rightsOfRoles([superAdmin, { name: 'x', isBuiltIn: false, adminScopes: ['read_user'] }])).toEqual(['root']);
    expect(
      rightsOfRoles([
        { name: 'a', isBuiltIn: false, adminScopes: ['read_user', 'manage_saml'] },
        { name: 'b', isBuiltIn: false, adminScopes: ['read_user', 'write_org', 'not_a_scope'] },
      ]),
    ).toEqual(['read_user', 'write_org', 'manage_saml']);
    // root counts only on the built-in super_admin; a role named like it but not built in is nothing special.
    expect(rightsOfRoles([{ name: 'custom', isBuiltIn: false, adminScopes: ['root'] }])).toEqual([]);
    expect(rightsOfRoles([{ name: 'super_admin', isBuiltIn: false, adminScopes: ['root'] }])).toEqual([]);
    expect(rightsOfRoles([{ name: 'plain', isBuiltIn: false, adminScopes: [] }])).toEqual([]);
    expect(rightsOfRoles([])).toEqual([]);
  });
});

describe('S2S API with the admin session cookie', () => {
  it('super_admin is root: users, scopes and root-only operations', async () => {
    const { session } = await adminWith(['super_admin']);
    expect((await callApi(listUsersRoute, { admin: session })).status).toBe(200);
    expect((await callApi(listScopesRoute, { admin: session })).status).toBe(200);
    expect((await callApi(listSigningKeysRoute, { admin: session })).status).toBe(200);
    const created = await callApi(createScopeRoute, { admin: session, body: scopeBody() });
    expect(created.status).toBe(201);
    expect((await callApi(deleteScopeRoute, { admin: session, params: { id: created.body.scope.id } })).status).toBe(204);
  });

  it('a custom role gives exactly its admin scopes: read but not write, nothing root-only', async () => {
    const reader = await makeRole(['read_user', 'read_scope']);
    const { session } = await adminWith([reader.name]);
    const users = await callApi(listUsersRoute, { admin: session });
    expect(users.status).toBe(200);
    expect(Array.isArray(users.body.users)).toBe(true);
    expect((await callApi(listScopesRoute, { admin: session })).status).toBe(200);

    const write = await callApi(createScopeRoute, { admin: session, body: scopeBody() });
    expect(write.status).toBe(403);
    expect(write.body.error).toBe('insufficient_scope');
    const createUser = await callApi(createUserRoute, { admin: session, body: { email: `x-${tag()}@example.test`, password: 'Pw-long-enough-1' } });
    expect(createUser.status).toBe(403);
    expect((await callApi(listSigningKeysRoute, { admin: session })).body.error).toBe('insufficient_scope');
  });

  it('answers 403 admin_access_required to a signed-in user without any admin right', async () => {
    const plain = await makeRole([]);
    for (const roles of [[], [plain.name]]) {
      const { session } = await adminWith(roles);
      const response = await callApi(listUsersRoute, { admin: session });
      expect(response.status).toBe(403);
      expect(response.body.error).toBe('admin_access_required');
    }
  });

  it('re-reads the roles on every request: a removed role, or a role losing a scope, is refused at the next call', async () => {
    const role = await makeRole(['read_user', 'read_scope']);
    const { user, session } = await adminWith([role.name]);
    expect((await callApi(listUsersRoute, { admin: session })).status).toBe(200);

    await db.role.update({ where: { id: role.id }, data: { adminScopes: ['read_scope'] } });
    expect((await callApi(listUsersRoute, { admin: session })).body.error).toBe('insufficient_scope');
    expect((await callApi(listScopesRoute, { admin: session })).status).toBe(200);

    await db.userRole.deleteMany({ where: { userId: user.id } });
    const refused = await callApi(listScopesRoute, { admin: session });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('admin_access_required');

    // and a granted role counts at once
    const superAdmin = await db.role.findUniqueOrThrow({ where: { name: 'super_admin' } });
    await db.userRole.create({ data: { userId: user.id, roleId: superAdmin.id } });
    expect((await callApi(listSigningKeysRoute, { admin: session })).status).toBe(200);
  });

  it('records the admin user as the audit actor (actorType user)', async () => {
    const writer = await makeRole(['read_scope', 'write_scope']);
    const { user, session } = await adminWith([writer.name]);
    const created = await callApi(createScopeRoute, { admin: session, body: scopeBody() });
    expect(created.status).toBe(201);
    const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: created.body.scope.id, action: 'scope.created' } });
    expect(event).toMatchObject({ actorType: 'user', actorId: user.id });
  });

  it('lets the services apply their privilege rules to the mapped scopes', async () => {
    // write_role without root: cannot create a role with root-only admin scopes or scopes it lacks
    const roleAdmin = await makeRole(['read_role', 'write_role', 'read_user']);
    const { session } = await adminWith([roleAdmin.name]);
    const own = await callApi(createRoleRoute, { admin: session, body: { name: `r-${tag()}`, adminScopes: ['read_user'] } });
    expect(own.status).toBe(201);
    for (const adminScopes of [['manage_saml'], ['write_user']]) {
      const refused = await callApi(createRoleRoute, { admin: session, body: { name: `r-${tag()}`, adminScopes } });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toBe('admin_scope_not_held');
    }
    // write_user without root: cannot hand out super_admin (#501); root can
    const userAdmin = await makeRole(['read_user', 'write_user']);
    const { session: userSession } = await adminWith([userAdmin.name]);
    const target = await makeUser();
    const escalate = await callApi(updateUserRoute, { admin: userSession, params: { authId: target.id }, body: { roles: ['super_admin'] } });
    expect(escalate.status).toBe(403);
    expect(escalate.body.error).toBe('root_required');
    const { session: rootSession } = await adminWith(['super_admin']);
    expect((await callApi(updateUserRoute, { admin: rootSession, params: { authId: target.id }, body: { roles: ['super_admin'] } })).status).toBe(200);
  });

  it('lets an admin hand out (or take away) only admin roles whose rights it holds: no escalation through write_user', async () => {
    const userAdmin = await makeRole(['read_user', 'write_user']);
    const { user: self, session } = await adminWith([userAdmin.name]);
    const stronger = await makeRole(['read_user', 'write_role']);
    const saml = await makeRole(['manage_saml']);
    const weaker = await makeRole(['read_user']);
    const plain = await makeRole([]);
    const target = await makeUser();

    for (const role of [stronger, saml]) {
      for (const authId of [self.id, target.id]) {
        const refused = await callApi(updateUserRoute, { admin: session, params: { authId }, body: { roles: [role.name] } });
        expect(refused.status).toBe(403);
        expect(refused.body.error).toBe('admin_scope_not_held');
      }
      const created = await callApi(createUserRoute, { admin: session, body: { email: `x-${tag()}@example.test`, password: 'Pw-long-enough-1', roles: [role.name] } });
      expect(created.body.error).toBe('admin_scope_not_held');
      const imported = await callApi(importUsersRoute, { admin: session, body: { users: [{ email: `i-${tag()}@example.test`, password: 'Pw-long-enough-1', roles: [role.name] }] } });
      expect(imported.body.results[0]).toMatchObject({ status: 'error' });
    }
    expect((await db.userRole.findMany({ where: { userId: target.id } })).length).toBe(0);
    const allowed = await callApi(updateUserRoute, { admin: session, params: { authId: target.id }, body: { roles: [weaker.name, plain.name] } });
    expect(allowed.status).toBe(200);
    // taking a stronger role away is refused too: its holder now outranks the admin (issue 12 item 8)
    await db.userRole.create({ data: { userId: target.id, roleId: stronger.id } });
    expect((await callApi(updateUserRoute, { admin: session, params: { authId: target.id }, body: { roles: [] } })).body.error).toBe('target_outranks_caller');
    // root may do all of it
    const { session: rootSession } = await adminWith(['super_admin']);
    expect((await callApi(updateUserRoute, { admin: rootSession, params: { authId: target.id }, body: { roles: [saml.name] } })).status).toBe(200);
  });

  it('lets manage_saml manage SAML IdPs (root-only for S2S apps)', async () => {
    overrideConfigForTesting({ enableSamlSsoAsSp: true });
    const saml = await makeRole(['manage_saml']);
    const { session } = await adminWith([saml.name]);
    expect((await callApi(listSamlIdpsRoute, { admin: session })).status).toBe(200);
    const metadata =
      '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.test/m"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></md:EntityDescriptor>';
    const created = await callApi(createSamlIdpRoute, { admin: session, body: { name: `idp-${tag()}`, userIdAttribute: 'uid', metadata } });
    expect(created.status).toBe(201);
    const other = await makeRole(['read_user', 'write_user']);
    const { session: noSaml } = await adminWith([other.name]);
    expect((await callApi(listSamlIdpsRoute, { admin: noSaml })).body.error).toBe('insufficient_scope');
  });

  it('prefers a Bearer token to the cookie, and without either answers 401 invalid_token', async () => {
    const { session } = await adminWith(['super_admin']);
    const readUser = await s2sToken(['read_user']);
    const both = await callApi(listScopesRoute, { admin: session, token: readUser });
    expect(both.status).toBe(403);
    expect(both.body.error).toBe('insufficient_scope');
    const none = await callApi(listScopesRoute);
    expect(none.status).toBe(401);
    expect(none.body.error).toBe('invalid_token');
  });
});

describe('CSRF defence of cookie-authenticated calls', () => {
  it('refuses a write without Origin, from another origin, without or with a wrong X-Tessera-CSRF (403) and writes nothing', async () => {
    const { session } = await adminWith(['super_admin']);
    const before = await db.scope.count();
    const attempts: Record<string, string>[] = [
      { origin: '' },
      { origin: 'https://evil.example' },
      { origin: 'http://localhost:3999.evil.example' },
      { origin: 'http://sub.localhost:3999' },
      { origin: 'null' },
      { 'x-tessera-csrf': '' },
      { 'x-tessera-csrf': 'not-the-token' },
      { 'x-tessera-csrf': `${session.csrfToken}x` },
    ];
    for (const headers of attempts) {
      const response = await callApi(createScopeRoute, { admin: session, headers, body: scopeBody() });
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(response.body.error).toBe('csrf_check_failed');
    }
    // another session's token does not do either
    const other = await makeAdminSession((await makeUser({ roles: ['super_admin'] })).id);
    const crossed = await callApi(createScopeRoute, { admin: session, headers: { 'x-tessera-csrf': other.csrfToken }, body: scopeBody() });
    expect(crossed.body.error).toBe('csrf_check_failed');
    expect(await db.scope.count()).toBe(before);

    expect((await callApi(createScopeRoute, { admin: session, body: scopeBody() })).status).toBe(201);
  });

  it('lets GETs through without Origin or CSRF header (they change nothing)', async () => {
    const { session } = await adminWith(['super_admin']);
    const response = await callApi(listUsersRoute, { admin: session, headers: { origin: 'https://evil.example' } });
    expect(response.status).toBe(200);
    expect((await callApi(listScopesRoute, { admin: session })).status).toBe(200);
  });

  it('checks the CSRF token only for cookie callers: S2S tokens need neither', async () => {
    await ensureSeeded();
    const token = await s2sToken(['write_scope']);
    expect((await callApi(createScopeRoute, { token, body: scopeBody() })).status).toBe(201);
  });
});

describe('admin session expiry and revocation', () => {
  const expectExpired = async (session: { cookie: string; csrfToken: string }) => {
    const response = await callApi(listUsersRoute, { admin: session });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('admin_session_expired');
  };

  it('answers 401 for an unknown cookie, an expired, idle or ended session', async () => {
    await ensureSeeded();
    await expectExpired({ cookie: 'no-such-session', csrfToken: 'x' });

    const expired = await adminWith(['super_admin']);
    await db.adminSession.update({ where: { id: expired.session.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectExpired(expired.session);

    const idle = await adminWith(['super_admin']);
    await db.adminSession.update({
      where: { id: idle.session.id },
      data: { lastSeenAt: new Date(Date.now() - ADMIN_SESSION_IDLE_TIMEOUT_SECONDS * 1000 - 1000) },
    });
    await expectExpired(idle.session);

    const ended = await adminWith(['super_admin']);
    await db.adminSession.update({ where: { id: ended.session.id }, data: { endedAt: new Date() } });
    await expectExpired(ended.session);
  });

  it('records activity, so a used session does not idle out', async () => {
    const { session } = await adminWith(['super_admin']);
    const old = new Date(Date.now() - (ADMIN_SESSION_IDLE_TIMEOUT_SECONDS - 60) * 1000);
    await db.adminSession.update({ where: { id: session.id }, data: { lastSeenAt: old } });
    expect((await callApi(listUsersRoute, { admin: session })).status).toBe(200);
    const row = await db.adminSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 10_000);
  });

  it('ends with the user (deactivated, deleted)', async () => {
    const deactivated = await adminWith(['super_admin']);
    await db.user.update({ where: { id: deactivated.user.id }, data: { isActive: false } });
    await expectExpired(deactivated.session);
    const deleted = await adminWith(['super_admin']);
    await db.user.delete({ where: { id: deleted.user.id } });
    await expectExpired(deleted.session);
  });

  it('ends when its refresh token is revoked or its SSO session ends (logout elsewhere)', async () => {
    const user = await makeUser({ roles: ['super_admin'] });
    const revoked = await signInToDashboard(user);
    expect((await callApi(listUsersRoute, { admin: revoked })).status).toBe(200);
    const row = await db.adminSession.findUniqueOrThrow({ where: { id: revoked.id } });
    expect(row.refreshTokenId).not.toBeNull();
    await db.refreshToken.update({ where: { id: row.refreshTokenId! }, data: { revokedAt: new Date(), revokedReason: 'test' } });
    await expectExpired(revoked);

    const viaSso = await signInToDashboard(user);
    const ssoRow = await db.adminSession.findUniqueOrThrow({ where: { id: viaSso.id } });
    expect(ssoRow.ssoSessionId).not.toBeNull();
    await endSsoSession({ token: viaSso.ssoToken! });
    await expectExpired(viaSso);
  });
});
