import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { makeAdminSession } from '@/lib/admin/testing';
import { LAST_USED_WRITE_INTERVAL_MS } from '@/lib/api-keys/service';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { SUPER_ADMIN_ROLE } from '@/lib/access/builtin';
import { ensureSeeded, makeUser } from '@/lib/testing/factories';
import { callApi, s2sToken } from '../testing';
import { createApiKeyRoute, getApiKeyRoute, listApiKeysRoute, revokeApiKeyRoute } from './api-keys';
import { createUserRoute, listUsersRoute, updateUserRoute } from './users';

const KEY_FORMAT = /^tsk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/;

/** A key created through the API by a root S2S token. */
async function makeKey(input: { scopes: string[]; ipAllowList?: string[]; expiresAt?: string }) {
  await ensureSeeded();
  const created = await callApi(createApiKeyRoute, { token: await s2sToken(['root']), body: { name: `key ${Math.random()}`, ...input } });
  expect(created.status).toBe(201);
  return { key: created.body.key as string, id: created.body.apiKey.id as string };
}

const asKey = (key: string, extra: Record<string, string> = {}) => ({ headers: { 'x-api-key': key, ...extra } });

afterEach(() => resetConfigForTesting());

describe('issue 17 point 4: API keys', () => {
  it('root creates a key shown once: tsk_<prefix>_<secret>, stored as the prefix and the SHA-256 of the secret; lists never show it', async () => {
    const root = await s2sToken(['root']);
    const created = await callApi(createApiKeyRoute, { token: root, body: { name: 'reporting', scopes: ['read_user'] } });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    expect(key).toMatch(KEY_FORMAT);
    const [, prefix, secret] = /^tsk_([0-9a-f]{12})_(.+)$/.exec(key)!;
    expect(created.body.apiKey).toMatchObject({ name: 'reporting', prefix: `tsk_${prefix}`, scopes: ['read_user'], status: 'active', ipAllowList: [], expiresAt: null });

    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.body.apiKey.id } });
    expect(row.prefix).toBe(prefix);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.keyHash).toBe(createHash('sha256').update(secret).digest('base64url'));

    const listed = await callApi(listApiKeysRoute, { token: root });
    expect(listed.text).not.toContain(secret);
    expect(listed.body.apiKeys.some((apiKey: { id: string }) => apiKey.id === row.id)).toBe(true);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: row.id, action: 'api_key.created' } });
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('a read_user key lists users (X-API-Key and Authorization: Bearer) and gets 403 on writes', async () => {
    const { key } = await makeKey({ scopes: ['read_user'] });
    expect((await callApi(listUsersRoute, asKey(key))).status).toBe(200);
    expect((await callApi(listUsersRoute, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);

    const write = await callApi(createUserRoute, { ...asKey(key), body: { email: `k-${Math.random()}@example.test`, password: 'Pw-7longenough!' } });
    expect(write.status).toBe(403);
    expect(write.body.error).toBe('insufficient_scope');
    // nor may it manage keys (root's)
    const mint = await callApi(createApiKeyRoute, { ...asKey(key), body: { name: 'escalate', scopes: ['root'] } });
    expect(mint.status).toBe(403);
    expect(mint.body.error).toBe('insufficient_scope');
  });

  it('the escalation rules of S2S tokens: a read_user write_user key cannot change a super_admin', async () => {
    const { key } = await makeKey({ scopes: ['read_user', 'write_user'] });
    const admin = await makeUser({ roles: [SUPER_ADMIN_ROLE] });
    const refused = await callApi(updateUserRoute, { ...asKey(key), params: { authId: admin.id }, body: { firstName: 'Mallory' } });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('target_outranks_caller');
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).firstName).not.toBe('Mallory');
    const plain = await makeUser();
    expect((await callApi(updateUserRoute, { ...asKey(key), params: { authId: plain.id }, body: { firstName: 'Ok' } })).status).toBe(200);
  });

  it('the audit log names the key that acted', async () => {
    const { key, id } = await makeKey({ scopes: ['write_user'] });
    const created = await callApi(createUserRoute, { ...asKey(key), body: { email: `k-${Math.random()}@example.test`, password: 'Pw-7longenough!' } });
    expect(created.status).toBe(201);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: created.body.user.authId, action: 'user.created' } });
    expect({ type: audit.actorType, id: audit.actorId }).toEqual({ type: 'api_key', id });
  });

  it('a revoked key gets 401 api_key_revoked, an expired one 401 api_key_expired, a wrong secret 401 api_key_invalid', async () => {
    const root = await s2sToken(['root']);
    const revoked = await makeKey({ scopes: ['read_user'] });
    expect((await callApi(listUsersRoute, asKey(revoked.key))).status).toBe(200);
    const revocation = await callApi(revokeApiKeyRoute, { token: root, params: { id: revoked.id } });
    expect(revocation.body.apiKey.status).toBe('revoked');
    for (const headers of [{ 'x-api-key': revoked.key }, { authorization: `Bearer ${revoked.key}` }] as Record<string, string>[]) {
      const refused = await callApi(listUsersRoute, { headers });
      expect({ status: refused.status, error: refused.body.error }).toEqual({ status: 401, error: 'api_key_revoked' });
    }
    expect(await db.auditEvent.count({ where: { targetId: revoked.id, action: 'api_key.revoked' } })).toBe(1);

    const expiring = await makeKey({ scopes: ['read_user'], expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await callApi(listUsersRoute, asKey(expiring.key))).status).toBe(200);
    await db.apiKey.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await callApi(listUsersRoute, asKey(expiring.key));
    expect({ status: expired.status, error: expired.body.error }).toEqual({ status: 401, error: 'api_key_expired' });
    expect((await callApi(getApiKeyRoute, { token: root, params: { id: expiring.id } })).body.apiKey.status).toBe('expired');

    const live = await makeKey({ scopes: ['read_user'] });
    const forged = `${live.key.slice(0, -4)}AAAA`;
    const wrong = await callApi(listUsersRoute, asKey(forged));
    expect({ status: wrong.status, error: wrong.body.error }).toEqual({ status: 401, error: 'api_key_invalid' });
    expect((await callApi(listUsersRoute, asKey('tsk_nonsense'))).body.error).toBe('api_key_invalid');
    // an expiry in the past is refused at creation
    const past = await callApi(createApiKeyRoute, { token: root, body: { name: 'past', scopes: ['read_user'], expiresAt: new Date(Date.now() - 1000).toISOString() } });
    expect(past.status).toBe(400);
  });

  it('the IP allow-list (CIDR, IPv4 and IPv6) is checked against the client IP the app computes', async () => {
    overrideConfigForTesting({ trustedProxyHeader: 'x-forwarded-for' });
    const { key } = await makeKey({ scopes: ['read_user'], ipAllowList: ['203.0.113.0/24', '2001:db8:abcd::/48', '198.51.100.7'] });
    const from = async (ip: string) => {
      const answer = await callApi(listUsersRoute, asKey(key, { 'x-forwarded-for': ip }));
      return answer.status === 200 ? 200 : `${answer.status} ${answer.body.error}`;
    };
    expect(await from('203.0.113.9')).toBe(200);
    expect(await from('198.51.100.7')).toBe(200);
    expect(await from('2001:db8:abcd:12::5')).toBe(200);
    expect(await from('::ffff:203.0.113.200')).toBe(200);
    expect(await from('203.0.114.1')).toBe('403 api_key_ip_not_allowed');
    expect(await from('198.51.100.8')).toBe('403 api_key_ip_not_allowed');
    expect(await from('2001:db8:abce::1')).toBe('403 api_key_ip_not_allowed');
    // the proxy appends the real client: a forged first entry does not help
    expect(await from('203.0.113.9, 192.0.2.1')).toBe('403 api_key_ip_not_allowed');
    // no trusted source of the client IP: an allow-listed key is refused rather than waved through
    overrideConfigForTesting({ trustedProxyHeader: '' });
    expect(await from('203.0.113.9')).toBe('403 api_key_ip_not_allowed');
  });

  it('refuses allow-list entries that are not addresses or ranges, and scopes that are not S2S scopes', async () => {
    const root = await s2sToken(['root']);
    const badRange = await callApi(createApiKeyRoute, { token: root, body: { name: 'x', scopes: ['read_user'], ipAllowList: ['10.0.0.0/33'] } });
    expect({ status: badRange.status, error: badRange.body.error }).toEqual({ status: 400, error: 'invalid_ip_allow_list' });
    const host = await callApi(createApiKeyRoute, { token: root, body: { name: 'x', scopes: ['read_user'], ipAllowList: ['example.com'] } });
    expect(host.body.error).toBe('invalid_ip_allow_list');
    const spaScope = await callApi(createApiKeyRoute, { token: root, body: { name: 'x', scopes: ['openid'] } });
    expect({ status: spaScope.status, error: spaScope.body.error }).toEqual({ status: 400, error: 'scope_type_mismatch' });
    const unknown = await callApi(createApiKeyRoute, { token: root, body: { name: 'x', scopes: ['no_such_scope'] } });
    expect(unknown.body.error).toBe('unknown_scope');
  });

  it('records the last use (time and IP), writing at most once a minute unless the IP changes', async () => {
    overrideConfigForTesting({ trustedProxyHeader: 'x-forwarded-for' });
    const { key, id } = await makeKey({ scopes: ['read_user'] });
    await callApi(listUsersRoute, asKey(key, { 'x-forwarded-for': '192.0.2.10' }));
    const first = await db.apiKey.findUniqueOrThrow({ where: { id } });
    expect(first.lastUsedIp).toBe('192.0.2.10');
    expect(first.lastUsedAt).not.toBeNull();

    const recent = new Date(Date.now() - LAST_USED_WRITE_INTERVAL_MS / 2);
    await db.apiKey.update({ where: { id }, data: { lastUsedAt: recent } });
    await callApi(listUsersRoute, asKey(key, { 'x-forwarded-for': '192.0.2.10' }));
    expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(recent);

    await callApi(listUsersRoute, asKey(key, { 'x-forwarded-for': '192.0.2.11' }));
    expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedIp).toBe('192.0.2.11');
    const stale = new Date(Date.now() - LAST_USED_WRITE_INTERVAL_MS * 2);
    await db.apiKey.update({ where: { id }, data: { lastUsedAt: stale } });
    await callApi(listUsersRoute, asKey(key, { 'x-forwarded-for': '192.0.2.11' }));
    expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt!.getTime()).toBeGreaterThan(stale.getTime());
  });

  it('the dashboard: a super_admin session creates and revokes keys; a read_user admin may not', async () => {
    const superAdmin = await makeUser({ roles: [SUPER_ADMIN_ROLE] });
    const session = await makeAdminSession(superAdmin.id);
    const created = await callApi(createApiKeyRoute, { admin: session, body: { name: 'from the dashboard', scopes: ['read_user'] } });
    expect(created.status).toBe(201);
    expect(created.body.apiKey.createdById).toBe(superAdmin.id);
    expect((await callApi(revokeApiKeyRoute, { admin: session, params: { id: created.body.apiKey.id } })).status).toBe(200);

    await db.role.upsert({ where: { name: 'key-readers' }, create: { name: 'key-readers', adminScopes: ['read_user'] }, update: {} });
    const reader = await makeUser({ roles: ['key-readers'] });
    const readerSession = await makeAdminSession(reader.id);
    expect((await callApi(listApiKeysRoute, { admin: readerSession })).status).toBe(403);
  });
});
