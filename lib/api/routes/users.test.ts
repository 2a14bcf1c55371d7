import { hash as argon2Hash } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { overrideConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { ensureSeeded, makeUser } from '@/lib/testing/factories';
import { authenticateWithPassword } from '@/lib/users/service';
import { callApi, s2sToken } from '../testing';
import {
  createUserRoute,
  deleteUserRoute,
  exportUsersRoute,
  getUserRoute,
  importUsersRoute,
  listUsersRoute,
  updateUserRoute,
} from './users';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const unique = () => Math.random().toString(36).slice(2, 8);

async function auditActions(targetId: string) {
  return (await db.auditEvent.findMany({ where: { targetId }, orderBy: { createdAt: 'asc' } })).map((event) => event.action);
}

describe('S2S API: users list', () => {
  it('searches by email, name and full-name prefix (case-insensitive) or authId, sorts and pages with a total count', async () => {
    await ensureSeeded();
    const tag = unique();
    const ada = await makeUser({ email: `ada.${tag}@example.test`, firstName: `Ada${tag}` });
    const grace = await makeUser({ email: `grace.${tag}@example.test`, firstName: `Grace${tag}` });
    await db.user.update({ where: { id: grace.id }, data: { lastName: `Hopper${tag}`, lastSignInAt: new Date() } });
    await db.mfaEnrollment.createMany({ data: [{ userId: ada.id, type: 'otp' }, { userId: ada.id, type: 'email' }] });
    await db.totpSecret.create({ data: { userId: ada.id, secretEncrypted: 'x', verifiedAt: new Date() } });
    const expiresAt = new Date(Date.now() + 3_600_000);
    await db.invitation.create({ data: { userId: grace.id, tokenHash: `hash-${tag}`, expiresAt } });
    const token = await s2sToken(['read_user']);

    const byEmail = await callApi(listUsersRoute, { token, query: { search: `ADA.${tag}` } });
    expect(byEmail.status).toBe(200);
    expect(byEmail.body).toMatchObject({ count: 1, users: [{ authId: ada.id, email: ada.email, firstName: `Ada${tag}`, isActive: true, emailVerified: true }] });
    expect(byEmail.body.users[0]).not.toHaveProperty('passwordHash');
    expect(byEmail.body.users[0]).toMatchObject({ mfaTypes: ['email', 'otp'], otpVerified: true, isInviting: false, invitationExpiresAt: null, socialAccountType: null });
    const graceRecord = (await callApi(listUsersRoute, { token, query: { search: `grace.${tag}` } })).body.users[0];
    expect(graceRecord).toMatchObject({ isInviting: true, invitationExpiresAt: expiresAt.toISOString(), mfaTypes: [], otpVerified: false });
    expect((await callApi(listUsersRoute, { token, query: { search: `grace${tag} hop` } })).body.users.map((u: { authId: string }) => u.authId)).toEqual([grace.id]);
    expect((await callApi(listUsersRoute, { token, query: { search: `hopper${tag}` } })).body.count).toBe(1);
    expect((await callApi(listUsersRoute, { token, query: { search: ada.id } })).body.users[0].authId).toBe(ada.id);
    // a substring that is no prefix does not match (prefix search, see lib/users/admin.ts)
    expect((await callApi(listUsersRoute, { token, query: { search: `race.${tag}` } })).body.count).toBe(0);

    const all = await callApi(listUsersRoute, { token, query: { search: `${''}` } });
    expect(all.body.count).toBe(await db.user.count());
    const byEmailDesc = await callApi(listUsersRoute, { token, query: { sort_by: 'email', sort_order: 'desc', page_size: '100' } });
    const emails = byEmailDesc.body.users.map((u: { email: string }) => u.email);
    expect(emails).toEqual([...emails].sort().reverse());
    const recent = await callApi(listUsersRoute, { token, query: { sort_by: 'lastSignInAt', sort_order: 'desc', page_size: '1' } });
    expect(recent.body.users[0].authId).toBe(grace.id);

    const firstPage = await callApi(listUsersRoute, { token, query: { page_size: '1', page_number: '1' } });
    const secondPage = await callApi(listUsersRoute, { token, query: { page_size: '1', page_number: '2' } });
    expect(firstPage.body.users).toHaveLength(1);
    expect(secondPage.body.users[0].authId).not.toBe(firstPage.body.users[0].authId);
    expect(secondPage.body.count).toBe(all.body.count);
    expect((await callApi(listUsersRoute, { token, query: { page_size: '10', page_number: '999' } })).body.users).toEqual([]);
  });

  it('rejects out-of-bounds paging and unknown sorting with 400', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_user']);
    const queries: Record<string, string>[] = [{ page_size: '0' }, { page_size: '101' }, { page_size: 'abc' }, { page_number: '0' }, { sort_by: 'password' }, { sort_order: 'up' }];
    for (const query of queries) {
      const answer = await callApi(listUsersRoute, { token, query });
      expect(answer.status, JSON.stringify(query)).toBe(400);
      expect(answer.body.error).toBe('invalid_input');
      expect(Object.keys(answer.body.fields)).toEqual([Object.keys(query)[0]]);
    }
  });

  it('needs a token (401) with read_user (403)', async () => {
    await ensureSeeded();
    expect((await callApi(listUsersRoute)).status).toBe(401);
    const writeOnly = await s2sToken(['write_user']);
    const denied = await callApi(listUsersRoute, { token: writeOnly });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toBe('insufficient_scope');
    expect((await callApi(getUserRoute, { token: writeOnly, params: { authId: UNKNOWN } })).status).toBe(403);
    expect((await callApi(exportUsersRoute, { token: writeOnly })).status).toBe(403);
  });
});

describe('S2S API: one user', () => {
  it('creates a user with a password (201), reads the detail, and refuses weak passwords and taken emails', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_user', 'write_user']);
    await db.role.create({ data: { name: `editor_${unique()}` } }).then(async (role) => {
      const email = `new.${unique()}@example.test`;
      const created = await callApi(createUserRoute, { token, body: { email: email.toUpperCase(), password: 'Str0ng-enough', firstName: 'New', roles: [role.name] } });
      expect(created.status).toBe(201);
      expect(created.body.user).toMatchObject({ email, firstName: 'New', roles: [role.name], isActive: true, emailVerified: false, metadata: {}, orgs: [] });
      const id = created.body.user.authId as string;
      expect((await db.user.findUniqueOrThrow({ where: { id } })).passwordAlgorithm).toBe('argon2id');
      expect(await auditActions(id)).toEqual(['user.created']);
      const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: id } });
      expect(JSON.stringify(audit.after)).not.toMatch(/argon2|Str0ng/);
      expect((await callApi(getUserRoute, { token, params: { authId: id } })).body.user.roles).toEqual([role.name]);
      const taken = await callApi(createUserRoute, { token, body: { email, password: 'Str0ng-enough' } });
      expect(taken.status).toBe(409);
      expect(taken.body.error).toBe('email_taken');
    });
    const weak = await callApi(createUserRoute, { token, body: { email: `weak.${unique()}@example.test`, password: 'short' } });
    expect(weak.status).toBe(400);
    expect(weak.body.error).toBe('weak_password');
    expect((await callApi(getUserRoute, { token, params: { authId: UNKNOWN } })).status).toBe(404);
    expect((await callApi(getUserRoute, { token, params: { authId: 'not-a-uuid' } })).status).toBe(404);
  });

  it('updates names, locale, metadata (shallow merge, null deletes, size cap), MFA requirement and roles, audited', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_user', 'write_user']);
    const user = await makeUser();
    const role = await db.role.create({ data: { name: `support_${unique()}` } });
    const first = await callApi(updateUserRoute, {
      token,
      params: { authId: user.id },
      body: { firstName: 'Ada', lastName: 'Lovelace', locale: 'zh-CN', metadata: { plan: 'pro', seats: 3 }, mfaRequired: true, roles: [role.name] },
    });
    expect(first.status).toBe(200);
    expect(first.body.user).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', locale: 'zh-CN', metadata: { plan: 'pro', seats: 3 }, mfaRequired: true, roles: [role.name] });
    const second = await callApi(updateUserRoute, { token, params: { authId: user.id }, body: { metadata: { seats: null, tier: { a: 1 } }, roles: [] } });
    expect(second.body.user.metadata).toEqual({ plan: 'pro', tier: { a: 1 } });
    expect(second.body.user.roles).toEqual([]);
    const huge = await callApi(updateUserRoute, { token, params: { authId: user.id }, body: { metadata: { blob: 'x'.repeat(20_000) } } });
    expect(huge.status).toBe(400);
    expect(huge.body.error).toBe('metadata_too_large');
    const invalid = await callApi(updateUserRoute, { token, params: { authId: user.id }, body: { isActive: 'yes', locale: 'not a locale!' } });
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.body.fields).sort()).toEqual(['isActive', 'locale']);
    expect((await callApi(updateUserRoute, { token, params: { authId: user.id }, body: { roles: ['no_such_role'] } })).body.error).toBe('unknown_role');
    expect((await callApi(updateUserRoute, { token, params: { authId: UNKNOWN }, body: {} })).status).toBe(404);
    expect(await auditActions(user.id)).toEqual(['user.updated', 'user.updated']);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: user.id } });
    expect(audit.before).toMatchObject({ firstName: 'Test', roles: [] });
    expect(audit.after).toMatchObject({ firstName: 'Ada', roles: [role.name] });
  });

  it('sets user attribute values by attribute id when ENABLE_USER_ATTRIBUTE is on (validated), ignores them otherwise', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_user', 'write_user']);
    const user = await makeUser();
    const attribute = await db.userAttribute.create({ data: { name: `employee_id_${unique()}`, validationRegex: '^E[0-9]+$' } });
    overrideConfigForTesting({ enableUserAttribute: true });
    try {
      const set = await callApi(updateUserRoute, { token, params: { authId: user.id }, body: { attributes: { [attribute.id]: 'E42' } } });
      expect(set.body.user.attributes).toEqual({ [attribute.name]: 'E42' });
      const invalid = await callApi(updateUserRoute, { token, params: { authId: user.id }, body: { firstName: 'Changed', attributes: { [attribute.id]: 'nope' } } });
      expect(invalid.status).toBe(400);
      expect(invalid.body.error).toBe('invalid_attribute_values');
      expect(Object.keys(invalid.body.fields)).toEqual([`attributes.${attribute.id}`]);
      expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).firstName).toBe('Test');
      const removed = await callApi(updateUserRoute, { token, params: { authId: user.id }, body: { attributes: { [attribute.id]: null } } });
      expect(removed.body.user.attributes).toEqual({});
    } finally {
      overrideConfigForTesting({ enableUserAttribute: false });
    }
    const ignored = await callApi(updateUserRoute, { token, params: { authId: user.id }, body: { attributes: { [attribute.id]: 'E7' } } });
    expect(ignored.body.user.attributes).toEqual({});
  });

  it('keeps built-in roles to root: assigning or removing super_admin, deactivating or deleting its holder', async () => {
    await ensureSeeded();
    const writer = await s2sToken(['read_user', 'write_user']);
    const root = await s2sToken(['root']);
    const user = await makeUser();
    const escalation = await callApi(updateUserRoute, { token: writer, params: { authId: user.id }, body: { roles: ['super_admin'], firstName: 'Mallory' } });
    expect(escalation.status).toBe(403);
    expect(escalation.body.error).toBe('root_required');
    const unchanged = await db.user.findUniqueOrThrow({ where: { id: user.id }, include: { roles: true } });
    expect(unchanged.roles).toEqual([]);
    expect(unchanged.firstName).toBe('Test');
    expect((await callApi(createUserRoute, { token: writer, body: { email: `esc.${unique()}@example.test`, password: 'Str0ng-enough', roles: ['super_admin'] } })).status).toBe(403);

    const granted = await callApi(updateUserRoute, { token: root, params: { authId: user.id }, body: { roles: ['super_admin'] } });
    expect(granted.body.user.roles).toEqual(['super_admin']);
    // a super_admin outranks the writer: no write at all on them (issue 12 item 8)
    for (const body of [{ roles: [] }, { isActive: false }, { lastName: 'Renamed' }]) {
      expect((await callApi(updateUserRoute, { token: writer, params: { authId: user.id }, body })).body.error).toBe('target_outranks_caller');
    }
    expect((await callApi(deleteUserRoute, { token: writer, params: { authId: user.id } })).body.error).toBe('target_outranks_caller');
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).lastName).toBe('User');
    expect((await callApi(deleteUserRoute, { token: root, params: { authId: user.id } })).status).toBe(204);

    const reader = await s2sToken(['read_user']);
    const other = await makeUser();
    const readOnlyWrite = await callApi(updateUserRoute, { token: reader, params: { authId: other.id }, body: { firstName: 'X' } });
    expect(readOnlyWrite.status).toBe(403);
    expect(readOnlyWrite.body.error).toBe('insufficient_scope');
    expect((await callApi(deleteUserRoute, { token: reader, params: { authId: other.id } })).status).toBe(403);
  });

  it('deletes a user with everything that is theirs (204, then 404), audited', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_user', 'write_user']);
    const user = await makeUser();
    const partner = await makeUser();
    await db.user.update({ where: { id: partner.id }, data: { linkedUserId: user.id } });
    await db.mfaEnrollment.create({ data: { userId: user.id, type: 'email' } });
    expect((await callApi(deleteUserRoute, { token, params: { authId: user.id } })).status).toBe(204);
    expect((await callApi(getUserRoute, { token, params: { authId: user.id } })).status).toBe(404);
    expect((await callApi(deleteUserRoute, { token, params: { authId: user.id } })).status).toBe(404);
    expect(await db.mfaEnrollment.count({ where: { userId: user.id } })).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: partner.id } })).linkedUserId).toBeNull();
    expect(await auditActions(user.id)).toEqual(['user.deleted']);
  });
});

describe('S2S API: users import and export', () => {
  it('imports bcrypt and argon2 hashes as they are; sign-in upgrades them to argon2id', async () => {
    await ensureSeeded();
    const token = await s2sToken(['write_user']);
    const tag = unique();
    const bcryptHash = (await bcrypt.hash('Bcrypt-pass-1', 6)).replace(/^\$2b\$/, '$2y$');
    const argonHash = await argon2Hash('Argon-pass-1', { memoryCost: 4096, timeCost: 3, parallelism: 1 });
    const role = await db.role.create({ data: { name: `imported_${tag}` } });
    const imported = await callApi(importUsersRoute, {
      token,
      body: {
        users: [
          { email: `b.${tag}@example.test`, passwordHash: bcryptHash, firstName: 'Bea', emailVerified: true, roles: [role.name] },
          { email: `a.${tag}@example.test`, passwordHash: argonHash },
          { email: `p.${tag}@example.test`, password: 'Plain-pass-1' },
          { email: `n.${tag}@example.test` },
        ],
      },
    });
    expect(imported.status).toBe(200);
    expect(imported.body.results.map((row: { status: string }) => row.status)).toEqual(['created', 'created', 'created', 'created']);
    const bea = await db.user.findUniqueOrThrow({ where: { id: imported.body.results[0].authId }, include: { roles: { include: { role: true } } } });
    expect(bea).toMatchObject({ passwordHash: bcryptHash, passwordAlgorithm: 'bcrypt', emailVerified: true, firstName: 'Bea' });
    expect(bea.roles.map((entry) => entry.role.name)).toEqual([role.name]);
    expect((await db.user.findUniqueOrThrow({ where: { id: imported.body.results[1].authId } })).passwordAlgorithm).toBe('argon2id');
    expect((await db.user.findUniqueOrThrow({ where: { id: imported.body.results[3].authId } })).passwordHash).toBeNull();

    await expect(authenticateWithPassword(`b.${tag}@example.test`, 'wrong-Pass-1')).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect((await db.user.findUniqueOrThrow({ where: { id: bea.id } })).passwordHash).toBe(bcryptHash);
    for (const [email, password] of [
      [`b.${tag}@example.test`, 'Bcrypt-pass-1'],
      [`a.${tag}@example.test`, 'Argon-pass-1'],
    ] as const) {
      await authenticateWithPassword(email, password);
      const upgraded = await db.user.findFirstOrThrow({ where: { email } });
      expect(upgraded.passwordAlgorithm).toBe('argon2id');
      expect(upgraded.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect((await authenticateWithPassword(email, password)).id).toBe(upgraded.id);
      expect(await auditActions(upgraded.id)).toEqual(['user.imported', 'user.password_rehashed']);
    }
    expect((await authenticateWithPassword(`p.${tag}@example.test`, 'Plain-pass-1')).email).toBe(`p.${tag}@example.test`);
  });

  it('reports each row: invalid rows and escalations are errors with nothing written, existing or repeated emails are skipped', async () => {
    await ensureSeeded();
    const token = await s2sToken(['write_user']);
    const tag = unique();
    const existing = await makeUser({ email: `exists.${tag}@example.test` });
    const rows = [
      { email: `ok.${tag}@example.test`, password: 'Plain-pass-1' },
      { email: 'not-an-email', password: 'Plain-pass-1' },
      { email: `weak.${tag}@example.test`, password: 'short' },
      { email: `hash.${tag}@example.test`, passwordHash: '$1$md5$notsupported' },
      { email: `both.${tag}@example.test`, password: 'Plain-pass-1', passwordHash: '$2b$10$' + 'a'.repeat(53) },
      { email: `cost.${tag}@example.test`, passwordHash: '$2b$31$' + 'a'.repeat(53) },
      { email: `role.${tag}@example.test`, roles: ['no_such_role'] },
      { email: `admin.${tag}@example.test`, roles: ['super_admin'] },
      { email: existing.email!.toUpperCase() },
      { email: `ok.${tag}@example.test` },
    ];
    const answer = await callApi(importUsersRoute, { token, body: { users: rows } });
    expect(answer.status).toBe(200);
    const results = answer.body.results as { index: number; status: string; error?: string }[];
    expect(results.map((row) => row.index)).toEqual(rows.map((_, index) => index));
    expect(results.map((row) => row.status)).toEqual(['created', 'error', 'error', 'error', 'error', 'error', 'error', 'error', 'skipped', 'skipped']);
    expect(results[7]!.error).toMatch(/root/);
    for (const row of rows.slice(1, 8)) expect(await db.user.count({ where: { email: row.email.toLowerCase() } })).toBe(0);
    expect(await db.user.count({ where: { email: { endsWith: `${tag}@example.test` } } })).toBe(2);
    expect(await db.auditEvent.count({ where: { action: 'user.imported', targetId: results[0]!.status === 'created' ? (answer.body.results[0].authId as string) : '' } })).toBe(1);

    const root = await s2sToken(['root']);
    const byRoot = await callApi(importUsersRoute, { token: root, body: { users: [{ email: `admin.${tag}@example.test`, roles: ['super_admin'] }] } });
    expect(byRoot.body.results[0].status).toBe('created');

    expect((await callApi(importUsersRoute, { token, body: { users: [] } })).status).toBe(400);
    expect((await callApi(importUsersRoute, { token, body: { users: [{ password: 'x' }] } })).status).toBe(400);
    expect((await callApi(importUsersRoute, { token: await s2sToken(['read_user']), body: { users: [{ email: 'x@example.test' }] } })).status).toBe(403);
  });

  it('exports every user as NDJSON without password hashes; hashes only for root', async () => {
    await ensureSeeded();
    const reader = await s2sToken(['read_user']);
    const user = await makeUser();
    await db.user.update({ where: { id: user.id }, data: { metadata: { plan: 'pro' } } });
    const exported = await callApi(exportUsersRoute, { token: reader });
    expect(exported.status).toBe(200);
    expect(exported.lines).toHaveLength(await db.user.count());
    expect(exported.lines.find((line) => line.authId === user.id)).toMatchObject({ email: user.email, roles: [], metadata: { plan: 'pro' } });
    expect(exported.text).not.toMatch(/argon2|passwordHash/);

    const denied = await callApi(exportUsersRoute, { token: reader, query: { include_password_hashes: 'true' } });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toBe('root_required');
    const root = await s2sToken(['root']);
    const withHashes = await callApi(exportUsersRoute, { token: root, query: { include_password_hashes: 'true' } });
    expect(withHashes.lines.find((line) => line.authId === user.id)).toMatchObject({ passwordAlgorithm: 'argon2id', passwordHash: expect.stringMatching(/^\$argon2id\$/) });
    expect(await db.auditEvent.count({ where: { action: 'user.exported' } })).toBe(2);
  });
});
