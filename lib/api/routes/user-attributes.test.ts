import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { ensureSeeded, makeUser } from '@/lib/testing/factories';
import { callApi, s2sToken } from '../testing';
import {
  createUserAttributeRoute,
  deleteUserAttributeRoute,
  getUserAttributeRoute,
  listUserAttributesRoute,
  updateUserAttributeRoute,
} from './user-attributes';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

afterEach(() => resetConfigForTesting());

describe('S2S API: user attributes, ENABLE_USER_ATTRIBUTE off (the default)', () => {
  it('answers every operation with 400 feature_disabled and writes nothing', async () => {
    await ensureSeeded();
    const token = await s2sToken(['root']);
    const calls = [
      callApi(listUserAttributesRoute, { token }),
      callApi(getUserAttributeRoute, { token, params: { id: UNKNOWN_ID } }),
      callApi(createUserAttributeRoute, { token, body: { name: 'department' } }),
      callApi(updateUserAttributeRoute, { token, params: { id: UNKNOWN_ID }, body: { name: 'x' } }),
      callApi(deleteUserAttributeRoute, { token, params: { id: UNKNOWN_ID } }),
    ];
    for (const result of await Promise.all(calls)) {
      expect(result.status).toBe(400);
      expect(result.body.error).toBe('feature_disabled');
    }
    expect(await db.userAttribute.count()).toBe(0);
  });
});

describe('S2S API: user attributes, ENABLE_USER_ATTRIBUTE on', () => {
  beforeEach(() => overrideConfigForTesting({ enableUserAttribute: true }));

  it('creates, lists, reads, updates and deletes an attribute in Melody’s shape, with an audit event per write', async () => {
    await ensureSeeded();
    const root = await s2sToken(['root']);
    const reader = await s2sToken(['read_user']);
    const body = {
      name: 'employeeId',
      locales: [
        { locale: 'en', value: 'Employee ID' },
        { locale: 'zh-CN', value: '员工编号' },
      ],
      includeInSignUpForm: true,
      requiredInSignUpForm: true,
      includeInIdTokenBody: true,
      includeInUserInfo: false,
      unique: true,
      validationRegex: '^E\\d{4}$',
      validationLocales: [{ locale: 'en', value: 'E and four digits' }],
    };
    const created = await callApi(createUserAttributeRoute, { token: root, body });
    expect(created.status).toBe(201);
    expect(created.body.userAttribute).toMatchObject(body);
    const id = created.body.userAttribute.id as string;
    const minimal = await callApi(createUserAttributeRoute, { token: root, body: { name: 'nickname' } });
    expect(minimal.body.userAttribute).toMatchObject({
      name: 'nickname',
      locales: [],
      validationLocales: [],
      includeInSignUpForm: false,
      requiredInSignUpForm: false,
      includeInIdTokenBody: false,
      includeInUserInfo: false,
      unique: false,
      validationRegex: '',
    });

    const listed = await callApi(listUserAttributesRoute, { token: reader });
    expect(listed.body.userAttributes.map((attribute: { name: string }) => attribute.name)).toEqual(['employeeId', 'nickname']);
    expect((await callApi(getUserAttributeRoute, { token: reader, params: { id } })).body.userAttribute).toMatchObject(body);

    // labels replaced, validation messages kept; fields omitted keep their value
    const updated = await callApi(updateUserAttributeRoute, {
      token: root,
      params: { id },
      body: { name: 'staffId', locales: [{ locale: 'fr', value: 'Matricule' }], includeInUserInfo: true, validationRegex: '' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.userAttribute).toMatchObject({
      name: 'staffId',
      locales: [{ locale: 'fr', value: 'Matricule' }],
      validationLocales: [{ locale: 'en', value: 'E and four digits' }],
      includeInUserInfo: true,
      requiredInSignUpForm: true,
      unique: true,
      validationRegex: '',
    });
    const rows = await db.userAttributeLocale.findMany({ where: { userAttributeId: id }, orderBy: { locale: 'asc' } });
    expect(rows.map(({ locale, label, validationMessage }) => ({ locale, label, validationMessage }))).toEqual([
      { locale: 'en', label: '', validationMessage: 'E and four digits' },
      { locale: 'fr', label: 'Matricule', validationMessage: '' },
    ]);

    const user = await makeUser();
    await db.userAttributeValue.create({ data: { userId: user.id, userAttributeId: id, value: 'E0001' } });
    expect((await callApi(deleteUserAttributeRoute, { token: root, params: { id } })).status).toBe(204);
    expect((await callApi(getUserAttributeRoute, { token: reader, params: { id } })).status).toBe(404);
    expect(await db.userAttributeValue.count({ where: { userAttributeId: id } })).toBe(0);
    const events = await db.auditEvent.findMany({ where: { targetId: id }, orderBy: { createdAt: 'asc' } });
    expect(events.map((event) => event.action)).toEqual(['user_attribute.created', 'user_attribute.updated', 'user_attribute.deleted']);
    expect(events[1]).toMatchObject({ before: { name: 'employeeId' }, after: { name: 'staffId' } });
    expect(events[2]!.before).toMatchObject({ name: 'staffId', values: 1 });
  });

  it('reads with read_user; writes only with root (403 for write_user)', async () => {
    await ensureSeeded();
    const root = await s2sToken(['root']);
    const id = (await callApi(createUserAttributeRoute, { token: root, body: { name: 'scoped' } })).body.userAttribute.id as string;
    const before = await db.userAttribute.count();
    const admin = await s2sToken(['read_user', 'write_user']);
    expect((await callApi(listUserAttributesRoute, { token: admin })).status).toBe(200);
    expect((await callApi(getUserAttributeRoute, { token: admin, params: { id } })).status).toBe(200);
    for (const result of [
      await callApi(createUserAttributeRoute, { token: admin, body: { name: 'nope' } }),
      await callApi(updateUserAttributeRoute, { token: admin, params: { id }, body: { name: 'nope' } }),
      await callApi(deleteUserAttributeRoute, { token: admin, params: { id } }),
    ]) {
      expect(result.status).toBe(403);
      expect(result.body.error).toBe('insufficient_scope');
    }
    expect((await callApi(listUserAttributesRoute, { token: await s2sToken(['read_org']) })).status).toBe(403);
    expect(await db.userAttribute.count()).toBe(before);
  });

  it('rejects regexes the linear-time engine cannot run, and other invalid input, with field errors', async () => {
    await ensureSeeded();
    const root = await s2sToken(['root']);
    const before = await db.userAttribute.count();
    for (const validationRegex of ['^(abc$', '^(a)\\1$', '^(?=a)a$', '(?<!x)y', '[z-a]']) {
      const result = await callApi(createUserAttributeRoute, { token: root, body: { name: 'pattern', validationRegex } });
      expect(result.status, validationRegex).toBe(400);
      expect(result.body.error).toBe('validation_regex_unsupported');
      expect(Object.keys(result.body.fields), validationRegex).toEqual(['validationRegex']);
    }
    const long = await callApi(createUserAttributeRoute, { token: root, body: { name: 'pattern', validationRegex: `^${'a'.repeat(201)}$` } });
    expect(long.body).toMatchObject({ error: 'invalid_input', fields: { validationRegex: expect.any(String) } });
    const invalid = await callApi(createUserAttributeRoute, {
      token: root,
      body: { name: '', locales: [{ locale: 'not a locale', value: 'x' }], unique: 'yes' },
    });
    expect(Object.keys(invalid.body.fields).sort()).toEqual(['locales.0.locale', 'name', 'unique']);
    const requiredHidden = await callApi(createUserAttributeRoute, { token: root, body: { name: 'hidden', requiredInSignUpForm: true } });
    expect(requiredHidden.status).toBe(400);
    expect(requiredHidden.body.fields).toHaveProperty('requiredInSignUpForm');

    const shown = (await callApi(createUserAttributeRoute, { token: root, body: { name: 'shown', includeInSignUpForm: true, requiredInSignUpForm: true } })).body
      .userAttribute;
    const hiding = await callApi(updateUserAttributeRoute, { token: root, params: { id: shown.id }, body: { includeInSignUpForm: false } });
    expect(hiding.body.fields).toHaveProperty('requiredInSignUpForm');
    const badUpdate = await callApi(updateUserAttributeRoute, { token: root, params: { id: shown.id }, body: { validationRegex: '^(a)\\1$' } });
    expect(badUpdate.body).toMatchObject({ error: 'validation_regex_unsupported', fields: { validationRegex: expect.any(String) } });
    expect(await db.userAttribute.count()).toBe(before + 1);
    expect((await callApi(getUserAttributeRoute, { token: root, params: { id: shown.id } })).body.userAttribute).toMatchObject({ includeInSignUpForm: true, validationRegex: '' });
  });

  it('answers taken names and unique flags over shared values with 409, unknown ids with 404', async () => {
    await ensureSeeded();
    const root = await s2sToken(['root']);
    const first = (await callApi(createUserAttributeRoute, { token: root, body: { name: 'team' } })).body.userAttribute;
    const duplicate = await callApi(createUserAttributeRoute, { token: root, body: { name: 'team' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ error: 'user_attribute_name_taken', fields: { name: expect.any(String) } });
    const second = (await callApi(createUserAttributeRoute, { token: root, body: { name: 'other' } })).body.userAttribute;
    expect((await callApi(updateUserAttributeRoute, { token: root, params: { id: second.id }, body: { name: 'team' } })).status).toBe(409);

    const [alice, bob] = [await makeUser(), await makeUser()];
    await db.userAttributeValue.createMany({
      data: [
        { userId: alice.id, userAttributeId: first.id, value: 'red' },
        { userId: bob.id, userAttributeId: first.id, value: 'red' },
      ],
    });
    const notUnique = await callApi(updateUserAttributeRoute, { token: root, params: { id: first.id }, body: { unique: true } });
    expect(notUnique.status).toBe(409);
    expect(notUnique.body.error).toBe('user_attribute_values_not_unique');
    await db.userAttributeValue.updateMany({ where: { userId: bob.id }, data: { value: 'blue' } });
    expect((await callApi(updateUserAttributeRoute, { token: root, params: { id: first.id }, body: { unique: true } })).body.userAttribute.unique).toBe(true);

    expect((await callApi(getUserAttributeRoute, { token: root, params: { id: UNKNOWN_ID } })).body.error).toBe('user_attribute_not_found');
    expect((await callApi(updateUserAttributeRoute, { token: root, params: { id: UNKNOWN_ID }, body: {} })).status).toBe(404);
    expect((await callApi(deleteUserAttributeRoute, { token: root, params: { id: 'nope' } })).status).toBe(404);
  });
});
