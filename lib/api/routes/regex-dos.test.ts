// Issue 12 item 13 over HTTP: a validation pattern that backtracks catastrophically on a
// backtracking engine ((a+)+$: 2^n steps for "aaa…a!") checks a long value in linear time, and
// what the linear-time engine cannot run is refused when saved.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { ensureSeeded, makeUser } from '@/lib/testing/factories';
import { callApi, s2sToken } from '../testing';
import { createUserAttributeRoute } from './user-attributes';
import { updateUserRoute } from './users';

beforeEach(() => overrideConfigForTesting({ enableUserAttribute: true }));
afterEach(() => resetConfigForTesting());

describe('issue 12 item 13: regex denial of service', () => {
  it('issue 12 item 13: (a+)+$ against a long hostile value answers at once', async () => {
    await ensureSeeded();
    const root = await s2sToken(['root']);
    const created = await callApi(createUserAttributeRoute, { token: root, body: { name: `evil${Date.now()}`, validationRegex: '^(a+)+$' } });
    expect(created.status).toBe(201);
    const id = created.body.userAttribute.id as string;
    const user = await makeUser();
    const started = performance.now();
    // 40 a's then a mismatch: about 2^40 steps on a backtracking engine.
    const hostile = await callApi(updateUserRoute, { token: root, params: { authId: user.id }, body: { attributes: { [id]: `${'a'.repeat(40)}!` } } });
    const elapsed = performance.now() - started;
    expect(hostile.status).toBe(400);
    expect(elapsed).toBeLessThan(2_000);
    const fine = await callApi(updateUserRoute, { token: root, params: { authId: user.id }, body: { attributes: { [id]: 'a'.repeat(500) } } });
    expect(fine.status).toBe(200);
  });

  it('issue 12 item 13: patterns the linear-time engine cannot run are refused when saved', async () => {
    await ensureSeeded();
    const root = await s2sToken(['root']);
    for (const validationRegex of ['^(a+)\\1$', '^(?=(a+)+)b$', '(?<!x)(a|aa)+$']) {
      const refused = await callApi(createUserAttributeRoute, { token: root, body: { name: `refused${Date.now()}`, validationRegex } });
      expect(refused.status, validationRegex).toBe(400);
      expect(refused.body).toMatchObject({ error: 'validation_regex_unsupported', fields: { validationRegex: expect.stringContaining('RE2') } });
    }
  });
});
