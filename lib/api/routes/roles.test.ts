import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { SUPER_ADMIN_ROLE } from '@/lib/access/builtin';
import { ensureSeeded, makeUser } from '@/lib/testing/factories';
import { callApi, s2sToken } from '../testing';
import { createRoleRoute, deleteRoleRoute, getRoleRoute, listRolesRoute, listRoleUsersRoute, updateRoleRoute } from './roles';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

async function superAdminId() {
  await ensureSeeded();
  return (await db.role.findUniqueOrThrow({ where: { name: SUPER_ADMIN_ROLE } })).id;
}

describe('S2S API: roles', () => {
  it('creates, lists, reads, updates and deletes a role, with an audit event per write', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_role', 'write_role', 'read_user', 'write_user']);
    const created = await callApi(createRoleRoute, {
      token,
      body: { name: 'Support agent', note: 'Tier 1', permissions: ['tickets:read', 'tickets:read', 'tickets:write'], adminScopes: ['read_user'] },
    });
    expect(created.status).toBe(201);
    expect(created.body.role).toMatchObject({
      name: 'Support agent',
      note: 'Tier 1',
      isBuiltIn: false,
      permissions: ['tickets:read', 'tickets:write'],
      adminScopes: ['read_user'],
    });
    const id = created.body.role.id as string;

    const listed = await callApi(listRolesRoute, { token });
    expect(listed.body.roles[0].name).toBe(SUPER_ADMIN_ROLE);
    expect(listed.body.roles.map((role: { name: string }) => role.name)).toContain('Support agent');

    const updated = await callApi(updateRoleRoute, {
      token,
      params: { id },
      body: { name: 'Support', note: '', permissions: [], adminScopes: ['read_user', 'write_user'] },
    });
    expect(updated.body.role).toMatchObject({ name: 'Support', note: '', permissions: [], adminScopes: ['read_user', 'write_user'] });
    expect((await callApi(getRoleRoute, { token, params: { id } })).body.role.name).toBe('Support');

    expect((await callApi(deleteRoleRoute, { token, params: { id } })).status).toBe(204);
    expect((await callApi(getRoleRoute, { token, params: { id } })).status).toBe(404);
    const events = await db.auditEvent.findMany({ where: { targetId: id }, orderBy: { createdAt: 'asc' } });
    expect(events.map((event) => event.action)).toEqual(['role.created', 'role.updated', 'role.deleted']);
    expect(events[1]!.before).toMatchObject({ name: 'Support agent' });
  });

  it('lists the users of a role page by page (read_user + read_role), with a count', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_role', 'write_role', 'read_user']);
    const role = (await callApi(createRoleRoute, { token, body: { name: 'Members' } })).body.role;
    const users = [];
    for (let i = 0; i < 3; i += 1) users.push(await makeUser({ roles: ['Members'] }));
    await makeUser();
    const firstPage = await callApi(listRoleUsersRoute, { token, params: { id: role.id }, query: { page_size: '2', page_number: '1' } });
    expect(firstPage.status).toBe(200);
    expect(firstPage.body.count).toBe(3);
    expect(firstPage.body.users.map((user: { id: string }) => user.id)).toEqual([users[0]!.id, users[1]!.id]);
    expect(firstPage.body.users[0]).toMatchObject({ authId: users[0]!.id, email: users[0]!.email, isActive: true, mfaTypes: [], isInviting: false });
    expect(JSON.stringify(firstPage.body)).not.toContain('passwordHash');
    const secondPage = await callApi(listRoleUsersRoute, { token, params: { id: role.id }, query: { page_size: '2', page_number: '2' } });
    expect(secondPage.body.users.map((user: { id: string }) => user.id)).toEqual([users[2]!.id]);
    expect((await callApi(listRoleUsersRoute, { token, params: { id: role.id }, query: { page_number: '9' } })).body.users).toEqual([]);
    for (const query of [{ page_size: '0' }, { page_size: '101' }, { page_number: '0' }, { page_size: 'ten' }] as Record<string, string>[]) {
      const invalid = await callApi(listRoleUsersRoute, { token, params: { id: role.id }, query });
      expect(invalid.status).toBe(400);
      expect(invalid.body.error).toBe('invalid_input');
    }
    expect((await callApi(listRoleUsersRoute, { token, params: { id: UNKNOWN_ID } })).status).toBe(404);

    // deleting the role takes it from its users
    expect((await callApi(deleteRoleRoute, { token, params: { id: role.id } })).status).toBe(204);
    expect(await db.userRole.count({ where: { userId: users[0]!.id } })).toBe(0);
  });

  it('needs read_role to read, write_role to write, read_user + read_role for members (403); root grants all', async () => {
    const id = await superAdminId();
    expect((await callApi(listRolesRoute)).status).toBe(401);
    const readRole = await s2sToken(['read_role']);
    const writeRole = await s2sToken(['write_role']);
    const readUser = await s2sToken(['read_user']);
    expect((await callApi(listRolesRoute, { token: readRole })).status).toBe(200);
    expect((await callApi(listRolesRoute, { token: writeRole })).status).toBe(403);
    expect((await callApi(getRoleRoute, { token: readUser, params: { id } })).status).toBe(403);
    const denied = await callApi(createRoleRoute, { token: readRole, body: { name: 'Nope' } });
    expect(denied).toMatchObject({ status: 403, body: { error: 'insufficient_scope' } });
    expect((await callApi(updateRoleRoute, { token: readRole, params: { id }, body: { note: 'x' } })).status).toBe(403);
    expect((await callApi(deleteRoleRoute, { token: readRole, params: { id } })).status).toBe(403);
    expect((await callApi(listRoleUsersRoute, { token: readRole, params: { id } })).status).toBe(403);
    expect((await callApi(listRoleUsersRoute, { token: readUser, params: { id } })).status).toBe(403);
    const root = await s2sToken(['root']);
    expect((await callApi(listRoleUsersRoute, { token: root, params: { id } })).status).toBe(200);
    expect((await callApi(createRoleRoute, { token: root, body: { name: 'By root' } })).status).toBe(201);
  });

  it('keeps super_admin: no rename, delete or new admin scopes, even for root; other fields root only', async () => {
    const id = await superAdminId();
    const writer = await s2sToken(['read_role', 'write_role']);
    for (const body of [{ note: 'mine now' }, { permissions: ['x'] }, { name: 'boss' }]) {
      const denied = await callApi(updateRoleRoute, { token: writer, params: { id }, body });
      expect(denied.status).toBe(403);
      expect(denied.body.error).toBe('admin_scope_not_held');
    }
    expect((await callApi(deleteRoleRoute, { token: writer, params: { id } })).body.error).toBe('built_in_role');
    expect((await callApi(createRoleRoute, { token: writer, body: { name: 'super_admin' } })).body.error).toBe('built_in_role');
    expect((await callApi(createRoleRoute, { token: writer, body: { name: 'Super_Admin' } })).body.error).toBe('built_in_role');

    const root = await s2sToken(['root']);
    expect((await callApi(updateRoleRoute, { token: root, params: { id }, body: { name: 'boss' } })).body.error).toBe('built_in_role');
    expect((await callApi(updateRoleRoute, { token: root, params: { id }, body: { adminScopes: ['read_user'] } })).body.error).toBe('built_in_role');
    expect((await callApi(deleteRoleRoute, { token: root, params: { id } })).body.error).toBe('built_in_role');
    const custom = await callApi(createRoleRoute, { token: root, body: { name: 'Renamable' } });
    expect((await callApi(updateRoleRoute, { token: root, params: { id: custom.body.role.id }, body: { name: 'SUPER_ADMIN' } })).body.error).toBe(
      'built_in_role',
    );
    const edited = await callApi(updateRoleRoute, { token: root, params: { id }, body: { note: 'Everything', permissions: ['all'], name: SUPER_ADMIN_ROLE } });
    expect(edited.status).toBe(200);
    expect(edited.body.role).toMatchObject({ name: SUPER_ADMIN_ROLE, note: 'Everything', permissions: ['all'], adminScopes: ['root'], isBuiltIn: true });
  });

  it('lets a caller give or take away only the admin scopes it holds; impersonation and manage_saml need root', async () => {
    await ensureSeeded();
    const writer = await s2sToken(['read_role', 'write_role', 'read_app']);
    const before = await db.role.count();
    for (const adminScopes of [['write_app'], ['impersonation'], ['manage_saml'], ['read_app', 'write_user']]) {
      const denied = await callApi(createRoleRoute, { token: writer, body: { name: `Escalate ${adminScopes.join()}`, adminScopes } });
      expect(denied.status).toBe(403);
      expect(denied.body.error).toBe('admin_scope_not_held');
    }
    expect(await db.role.count()).toBe(before);
    const mine = await callApi(createRoleRoute, { token: writer, body: { name: 'App viewers', adminScopes: ['read_app', 'read_role'] } });
    expect(mine.status).toBe(201);
    const upgrade = await callApi(updateRoleRoute, { token: writer, params: { id: mine.body.role.id }, body: { adminScopes: ['read_app', 'write_app'] } });
    expect(upgrade.body.error).toBe('admin_scope_not_held');

    const root = await s2sToken(['root']);
    const powerful = await callApi(createRoleRoute, {
      token: root,
      body: { name: 'Operators', adminScopes: ['write_user', 'impersonation', 'manage_saml'] },
    });
    expect(powerful.status).toBe(201);
    const pid = powerful.body.role.id as string;
    for (const call of [
      callApi(updateRoleRoute, { token: writer, params: { id: pid }, body: { adminScopes: [] } }),
      callApi(updateRoleRoute, { token: writer, params: { id: pid }, body: { name: 'Renamed' } }),
      callApi(deleteRoleRoute, { token: writer, params: { id: pid } }),
    ]) {
      expect((await call).body.error).toBe('admin_scope_not_held');
    }
    expect((await db.role.findUniqueOrThrow({ where: { id: pid } })).adminScopes).toEqual(['write_user', 'impersonation', 'manage_saml']);
  });

  it('answers invalid input with 400 and field messages, duplicates with 409, unknown ids with 404', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_role', 'write_role']);
    const invalid = await callApi(createRoleRoute, { token, body: { name: '', permissions: ['has space'], adminScopes: ['root'] } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toBe('invalid_input');
    expect(Object.keys(invalid.body.fields)).toEqual(expect.arrayContaining(['name', 'permissions.0', 'adminScopes.0']));
    expect((await callApi(createRoleRoute, { token, body: { name: 'x'.repeat(51) } })).status).toBe(400);
    expect((await callApi(createRoleRoute, { token, body: { name: 'bad\u0007name' } })).status).toBe(400);
    await callApi(createRoleRoute, { token, body: { name: 'Dup role' } });
    const dup = await callApi(createRoleRoute, { token, body: { name: 'Dup role' } });
    expect(dup).toMatchObject({ status: 409, body: { error: 'role_name_taken', fields: { name: expect.any(String) } } });
    const other = await callApi(createRoleRoute, { token, body: { name: 'Other role' } });
    expect((await callApi(updateRoleRoute, { token, params: { id: other.body.role.id }, body: { name: 'Dup role' } })).status).toBe(409);
    expect((await callApi(getRoleRoute, { token, params: { id: UNKNOWN_ID } })).status).toBe(404);
    expect((await callApi(getRoleRoute, { token, params: { id: 'nope' } })).status).toBe(404);
    expect((await callApi(updateRoleRoute, { token, params: { id: UNKNOWN_ID }, body: { note: 'x' } })).status).toBe(404);
    expect((await callApi(deleteRoleRoute, { token, params: { id: UNKNOWN_ID } })).status).toBe(404);
  });
});
