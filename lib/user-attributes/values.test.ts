import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditActor } from '@/lib/audit';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db, transaction } from '@/lib/db';
import { makeUser } from '@/lib/testing/factories';
import { createUserAttribute, listSignUpAttributes } from './admin';
import { createUserAttributeInput } from './schemas';
import { AttributeValuesError, checkAttributeValues, saveAttributeValues, validateAttributeValues } from './values';

const actor: AuditActor = { type: 'system', id: null, ip: '' };
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

function attribute(input: Partial<ReturnType<typeof createUserAttributeInput.parse>> & { name: string }) {
  return createUserAttribute(actor, createUserAttributeInput.parse(input));
}

async function issuesOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AttributeValuesError);
  return (error as AttributeValuesError).issues.map((issue) => ({ attributeId: issue.attributeId, reason: issue.reason, message: issue.message }));
}

afterEach(() => resetConfigForTesting());

describe('validateAttributeValues, ENABLE_USER_ATTRIBUTE off', () => {
  it('refuses values with feature_disabled and accepts an empty input', async () => {
    await expect(validateAttributeValues({ [UNKNOWN_ID]: 'x' }, { locale: 'en' })).rejects.toMatchObject({ code: 'feature_disabled', status: 400 });
    await expect(validateAttributeValues({}, { locale: 'en', mode: 'sign_up' })).resolves.toEqual([]);
    expect(await listSignUpAttributes()).toEqual([]);
  });
});

describe('validateAttributeValues, ENABLE_USER_ATTRIBUTE on', () => {
  beforeEach(() => overrideConfigForTesting({ enableUserAttribute: true }));

  it('sign-up: only form attributes, required ones present, values matching their pattern', async () => {
    const employeeId = await attribute({
      name: `employeeId-${Math.random()}`,
      includeInSignUpForm: true,
      requiredInSignUpForm: true,
      validationRegex: '^E\\d{4}$',
      validationLocales: [
        { locale: 'en', value: 'Use E and four digits.' },
        { locale: 'zh-CN', value: '请输入 E 加四位数字。' },
      ],
    });
    const nickname = await attribute({ name: `nickname-${Math.random()}`, includeInSignUpForm: true });
    const internal = await attribute({ name: `internal-${Math.random()}` });

    expect(await validateAttributeValues({ [employeeId.id]: '  E1234 ', [nickname.id]: '' }, { locale: 'en', mode: 'sign_up' })).toEqual([
      { attributeId: employeeId.id, name: employeeId.name, value: 'E1234' },
      { attributeId: nickname.id, name: nickname.name, value: null },
    ]);
    expect((await listSignUpAttributes()).map((entry) => entry.id)).toEqual([employeeId.id, nickname.id]);

    expect(await issuesOf(validateAttributeValues({ [nickname.id]: 'Bo', [internal.id]: 'x', [UNKNOWN_ID]: 'y' }, { locale: 'en', mode: 'sign_up' }))).toEqual([
      { attributeId: internal.id, reason: 'unknown', message: 'Unknown attribute.' },
      { attributeId: UNKNOWN_ID, reason: 'unknown', message: 'Unknown attribute.' },
      { attributeId: employeeId.id, reason: 'required', message: 'A value is required.' },
    ]);
    expect(await issuesOf(validateAttributeValues({ [employeeId.id]: 'X1' }, { locale: 'zh-CN', mode: 'sign_up' }))).toEqual([
      { attributeId: employeeId.id, reason: 'invalid', message: '请输入 E 加四位数字。' },
    ]);
    // language, then en, fallbacks
    const error = await validateAttributeValues({ [employeeId.id]: 'X1' }, { locale: 'fr', mode: 'sign_up' }).catch((caught: AttributeValuesError) => caught);
    expect(error).toMatchObject({ code: 'invalid_attribute_values', status: 400, fields: { [`attributes.${employeeId.id}`]: 'Use E and four digits.' } });
    expect(await issuesOf(validateAttributeValues({ [employeeId.id]: `E${'1'.repeat(600)}` }, { locale: 'en', mode: 'sign_up' }))).toEqual([
      { attributeId: employeeId.id, reason: 'too_long', message: 'At most 500 characters.' },
    ]);
  });

  it('update: any attribute, given keys only; a required one cannot be emptied; "" or null removes an optional value', async () => {
    const required = await attribute({ name: `dept-${Math.random()}`, includeInSignUpForm: true, requiredInSignUpForm: true });
    const internal = await attribute({ name: `internal-${Math.random()}`, validationRegex: '^[a-z]+$' });
    expect(await validateAttributeValues({ [internal.id]: 'abc' }, { locale: 'en' })).toEqual([{ attributeId: internal.id, name: internal.name, value: 'abc' }]);
    expect(await validateAttributeValues({ [internal.id]: null }, { locale: 'en' })).toEqual([{ attributeId: internal.id, name: internal.name, value: null }]);
    const result = await checkAttributeValues({ [required.id]: ' ', [internal.id]: 'ABC' }, { locale: 'en' });
    expect(result.values).toEqual([]);
    expect(result.issues.map((issue) => issue.reason)).toEqual(['required', 'invalid']);
    expect(result.issues[1]!.message).toBe('The value does not have the expected format.');
  });

  it('unique attributes: another user’s value is taken, the user’s own is not; saveAttributeValues writes, updates and removes', async () => {
    const badge = await attribute({ name: `badge-${Math.random()}`, unique: true });
    const note = await attribute({ name: `note-${Math.random()}` });
    const alice = await makeUser();
    const bob = await makeUser();
    await transaction((tx) => saveAttributeValues(tx, alice.id, { [badge.id]: 'B-1', [note.id]: 'hello' }, { locale: 'en' }));
    expect(await db.userAttributeValue.findMany({ where: { userId: alice.id }, orderBy: { value: 'asc' }, select: { value: true } })).toEqual([
      { value: 'B-1' },
      { value: 'hello' },
    ]);

    expect(await issuesOf(validateAttributeValues({ [badge.id]: 'B-1' }, { locale: 'en', userId: bob.id }))).toEqual([
      { attributeId: badge.id, reason: 'taken', message: 'Another account already uses this value.' },
    ]);
    expect(await validateAttributeValues({ [badge.id]: 'B-1' }, { locale: 'en', userId: alice.id })).toHaveLength(1);
    // case-sensitive comparison
    expect(await validateAttributeValues({ [badge.id]: 'b-1' }, { locale: 'en', userId: bob.id })).toHaveLength(1);
    await expect(transaction((tx) => saveAttributeValues(tx, bob.id, { [badge.id]: 'B-1' }, { locale: 'en' }))).rejects.toBeInstanceOf(AttributeValuesError);

    await transaction((tx) => saveAttributeValues(tx, alice.id, { [badge.id]: 'B-2', [note.id]: '' }, { locale: 'en' }));
    expect(await db.userAttributeValue.findMany({ where: { userId: alice.id }, select: { value: true } })).toEqual([{ value: 'B-2' }]);
    await transaction((tx) => saveAttributeValues(tx, bob.id, { [badge.id]: 'B-1' }, { locale: 'en' }));
  });

  it('two concurrent writers of one unique value: exactly one wins', async () => {
    const badge = await attribute({ name: `badge-${Math.random()}`, unique: true });
    const [first, second] = [await makeUser(), await makeUser()];
    const results = await Promise.allSettled(
      [first, second].map((user) => transaction((tx) => saveAttributeValues(tx, user.id, { [badge.id]: 'SAME' }, { locale: 'en' }))),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(await db.userAttributeValue.count({ where: { userAttributeId: badge.id, value: 'SAME' } })).toBe(1);
  });
});
