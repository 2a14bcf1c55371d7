// Issue #17 point 6: the settings that decide what tokens and userinfo say about a user take
// effect — a role's permissions, and each user attribute's "include in ID token" / "include in
// userinfo" switches — and nobody (a hook, an attribute's name) can forge the reserved claims.
import { decodeJwt } from 'jose';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { config, overrideConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { setHooksForTesting } from '@/lib/hooks';
import { issueUserTokens, makeSpaApp, makeUser } from '@/lib/testing/factories';
import { verifyAccessToken } from './jwt';
import { handleTokenRequest } from './token-endpoint';
import { getUserInfo } from './userinfo';

const original = config();

beforeAll(() => overrideConfigForTesting({ enableUserAppConsent: false }));
afterEach(() => {
  setHooksForTesting(undefined);
  overrideConfigForTesting({ enableUserAttribute: original.enableUserAttribute });
});

const refresh = (refreshToken: string) => handleTokenRequest(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }), null);

async function makeRole(permissions: string[]) {
  return db.role.create({ data: { name: `role-${Math.random().toString(36).slice(2, 10)}`, permissions } });
}

async function signIn(user: Awaited<ReturnType<typeof makeUser>>) {
  const app = await makeSpaApp();
  const { tokens } = await issueUserTokens(app, user);
  return tokens;
}

describe('role permissions', () => {
  it('reach access tokens and userinfo as the union of the roles’ permissions, and follow role changes at the next refresh', async () => {
    const orders = await makeRole(['orders:write', 'orders:read']);
    const billing = await makeRole(['billing:view', 'orders:read']);
    const user = await makeUser({ roles: [orders.name, billing.name] });
    const tokens = await signIn(user);

    const access = await verifyAccessToken(tokens.access_token);
    expect(access.permissions).toEqual(['billing:view', 'orders:read', 'orders:write']);
    expect(access.roles).toEqual([orders.name, billing.name].sort());
    const info = await getUserInfo(tokens.access_token);
    expect(info.permissions).toEqual(['billing:view', 'orders:read', 'orders:write']);

    await db.userRole.deleteMany({ where: { userId: user.id, roleId: billing.id } });
    const next = await refresh(tokens.refresh_token!);
    expect((await verifyAccessToken(next.access_token)).permissions).toEqual(['orders:read', 'orders:write']);
    expect((await getUserInfo(next.access_token)).permissions).toEqual(['orders:read', 'orders:write']);
  });

  it('are an empty list for a user without roles', async () => {
    const tokens = await signIn(await makeUser());
    expect((await verifyAccessToken(tokens.access_token)).permissions).toEqual([]);
    expect((await getUserInfo(tokens.access_token)).permissions).toEqual([]);
  });
});

describe('user attribute claims', () => {
  async function attributesWithValues(userId: string) {
    const suffix = Math.random().toString(36).slice(2, 8);
    const spec = [
      { name: `department-${suffix}`, includeInIdTokenBody: true, includeInUserInfo: false, value: 'Engineering' },
      { name: `employee-no-${suffix}`, includeInIdTokenBody: false, includeInUserInfo: true, value: 'E-4711' },
      { name: `team-${suffix}`, includeInIdTokenBody: true, includeInUserInfo: true, value: 'Identity' },
      { name: `salary-band-${suffix}`, includeInIdTokenBody: false, includeInUserInfo: false, value: 'SECRET-BAND-7' },
    ];
    const rows = [];
    for (const { value, ...attribute } of spec) {
      const row = await db.userAttribute.create({ data: attribute });
      await db.userAttributeValue.create({ data: { userId, userAttributeId: row.id, value } });
      rows.push(row);
    }
    const [department, employeeNo, team, salaryBand] = rows.map((row) => row.name) as [string, string, string, string];
    return { ids: rows.map((row) => row.id), department, employeeNo, team, salaryBand };
  }

  it('flagged ones appear in the ID token and userinfo under their names; unflagged ones nowhere', async () => {
    overrideConfigForTesting({ enableUserAttribute: true });
    const user = await makeUser();
    const names = await attributesWithValues(user.id);
    const tokens = await signIn(user);

    const idToken = decodeJwt(tokens.id_token!);
    expect(idToken.attributes).toEqual({ [names.department]: 'Engineering', [names.team]: 'Identity' });
    const info = await getUserInfo(tokens.access_token);
    expect(info.attributes).toEqual({ [names.employeeNo]: 'E-4711', [names.team]: 'Identity' });

    const access = await verifyAccessToken(tokens.access_token);
    expect(access).not.toHaveProperty('attributes');
    for (const text of [JSON.stringify(idToken), JSON.stringify(access), JSON.stringify(info)]) {
      expect(text).not.toContain('SECRET-BAND-7');
      expect(text).not.toContain(names.salaryBand);
    }
  });

  it('follow their switches: turning "include in ID token" off and "include in userinfo" on shows at the next token', async () => {
    overrideConfigForTesting({ enableUserAttribute: true });
    const user = await makeUser();
    const names = await attributesWithValues(user.id);
    const tokens = await signIn(user);
    await db.userAttribute.update({ where: { name: names.department }, data: { includeInIdTokenBody: false, includeInUserInfo: true } });

    const next = await refresh(tokens.refresh_token!);
    expect(decodeJwt(next.id_token!).attributes).toEqual({ [names.team]: 'Identity' });
    expect((await getUserInfo(next.access_token)).attributes).toEqual({
      [names.department]: 'Engineering',
      [names.employeeNo]: 'E-4711',
      [names.team]: 'Identity',
    });
  });

  it('are absent while ENABLE_USER_ATTRIBUTE is off, flags notwithstanding', async () => {
    overrideConfigForTesting({ enableUserAttribute: false });
    const user = await makeUser();
    await attributesWithValues(user.id);
    const tokens = await signIn(user);
    expect(decodeJwt(tokens.id_token!)).not.toHaveProperty('attributes');
    expect(await getUserInfo(tokens.access_token)).not.toHaveProperty('attributes');
  });
});

describe('reserved claims', () => {
  it('an attribute named like a registered claim stays inside `attributes` and never replaces it', async () => {
    overrideConfigForTesting({ enableUserAttribute: true });
    const user = await makeUser();
    for (const name of ['sub', '__proto__']) {
      const attribute = await db.userAttribute.upsert({ where: { name }, create: { name, includeInIdTokenBody: true, includeInUserInfo: true }, update: {} });
      await db.userAttributeValue.create({ data: { userId: user.id, userAttributeId: attribute.id, value: `forged-${name}` } });
    }
    const tokens = await signIn(user);
    const idToken = decodeJwt(tokens.id_token!);
    expect(idToken.sub).toBe(user.id);
    expect(idToken.attributes).toMatchObject({ sub: 'forged-sub' });
    expect(Object.getOwnPropertyDescriptor(idToken.attributes, '__proto__')?.value).toBe('forged-__proto__');
    const info = await getUserInfo(tokens.access_token);
    expect(info.sub).toBe(user.id);
    expect(info.authId).toBe(user.id);
  });

  it('a claim hook cannot set or override permissions or attributes', async () => {
    overrideConfigForTesting({ enableUserAttribute: true });
    const role = await makeRole(['reports:read']);
    const user = await makeUser({ roles: [role.name] });
    setHooksForTesting({
      customizeAccessTokenClaims: () => ({ permissions: ['everything'], attributes: { admin: 'yes' }, tenant: 'acme' }),
      customizeIdTokenClaims: () => ({ permissions: ['everything'], attributes: { admin: 'yes' }, tenant: 'acme' }),
    });
    const tokens = await signIn(user);
    const access = await verifyAccessToken(tokens.access_token);
    expect(access).toMatchObject({ permissions: ['reports:read'], tenant: 'acme' });
    expect(access).not.toHaveProperty('attributes');
    const idToken = decodeJwt(tokens.id_token!);
    expect(idToken).toMatchObject({ attributes: {}, tenant: 'acme' });
    expect(idToken).not.toHaveProperty('permissions');
  });
});
