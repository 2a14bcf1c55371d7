import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { transaction } from '@/lib/db';
import { db } from '@/lib/db';
import { makeUser } from '@/lib/testing/factories';
import { CODE_PATTERN, MAX_CODE_ATTEMPTS, checkOneTimeCode, consumeOneTimeCode, hasLiveCode, hashCode, issueOneTimeCode } from './index';

async function user() {
  return makeUser({ email: `otc-${randomUUID()}@example.test` });
}

describe('one-time codes', () => {
  it('issues 6 digits stored only as a keyed hash, with the purpose lifetime', async () => {
    const { id, email } = await user();
    const issued = await issueOneTimeCode(db, { purpose: 'password_reset', userId: id, target: email! });
    expect(issued.code).toMatch(CODE_PATTERN);
    expect(issued.expiresIn).toBeGreaterThan(7190);
    const [row] = await db.oneTimeCode.findMany({ where: { userId: id } });
    expect(row!.codeHash).toBe(hashCode('password_reset', issued.code));
    expect(JSON.stringify(row)).not.toContain(issued.code);
    // Keyed by purpose: the same digits hash differently for another purpose.
    expect(hashCode('email_verification', issued.code)).not.toBe(row!.codeHash);
  });

  it('digits are uniform enough: every position takes every value over many codes', async () => {
    const { id, email } = await user();
    const seen = Array.from({ length: 6 }, () => new Set<string>());
    for (let i = 0; i < 120; i += 1) {
      const { code } = await issueOneTimeCode(db, { purpose: 'password_reset', userId: id, target: email! });
      [...code].forEach((digit, position) => seen[position]!.add(digit));
    }
    for (const digits of seen) expect(digits.size).toBe(10);
  });

  it('a new code replaces the unused ones of its scope only', async () => {
    const a = await user();
    const b = await user();
    const first = await issueOneTimeCode(db, { purpose: 'password_reset', userId: a.id, target: a.email! });
    await issueOneTimeCode(db, { purpose: 'password_reset', userId: b.id, target: b.email! });
    await issueOneTimeCode(db, { purpose: 'email_verification', userId: a.id, target: a.email! });
    const second = await issueOneTimeCode(db, { purpose: 'password_reset', userId: a.id, target: a.email! });
    expect(await checkOneTimeCode({ purpose: 'password_reset', userId: a.id }, first.code)).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(await checkOneTimeCode({ purpose: 'password_reset', userId: a.id }, second.code)).toMatchObject({ ok: true });
    expect(await hasLiveCode({ purpose: 'password_reset', userId: b.id })).toBe(true);
    expect(await hasLiveCode({ purpose: 'email_verification', userId: a.id })).toBe(true);
  });

  it('is single use, also when two submissions race', async () => {
    const { id, email } = await user();
    const { code } = await issueOneTimeCode(db, { purpose: 'password_reset', userId: id, target: email! });
    const checks = await Promise.all([1, 2].map(() => checkOneTimeCode({ purpose: 'password_reset', userId: id }, code)));
    const consumed = await Promise.all(checks.map((check) => transaction((tx) => consumeOneTimeCode(tx, check.ok ? check.code.id : ''))));
    expect(consumed.filter(Boolean)).toHaveLength(1);
    expect(await checkOneTimeCode({ purpose: 'password_reset', userId: id }, code)).toMatchObject({ ok: false, reason: 'none' });
  });

  it(`dies after ${MAX_CODE_ATTEMPTS} wrong guesses, even for the right code`, async () => {
    const { id, email } = await user();
    const { code } = await issueOneTimeCode(db, { purpose: 'password_reset', userId: id, target: email! });
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i += 1) {
      expect(await checkOneTimeCode({ purpose: 'password_reset', userId: id }, wrong)).toMatchObject({ ok: false, reason: 'mismatch' });
    }
    expect(await checkOneTimeCode({ purpose: 'password_reset', userId: id }, code)).toMatchObject({ ok: false, reason: 'worn_out' });
    expect(await hasLiveCode({ purpose: 'password_reset', userId: id })).toBe(false);
  });

  it(`issue 12 item 3: of 20 concurrent checks at most ${MAX_CODE_ATTEMPTS} are judged; a right fifth attempt can be consumed`, async () => {
    const { id, email } = await user();
    const { code } = await issueOneTimeCode(db, { purpose: 'password_reset', userId: id, target: email! });
    const wrong = code === '000000' ? '111111' : '000000';
    const checks = await Promise.all(Array.from({ length: 20 }, () => checkOneTimeCode({ purpose: 'password_reset', userId: id }, wrong)));
    expect(checks.filter((check) => !check.ok && check.reason === 'mismatch')).toHaveLength(MAX_CODE_ATTEMPTS);
    expect(checks.filter((check) => !check.ok && check.reason === 'worn_out')).toHaveLength(20 - MAX_CODE_ATTEMPTS);

    const next = await issueOneTimeCode(db, { purpose: 'password_reset', userId: id, target: email! });
    for (let i = 0; i < MAX_CODE_ATTEMPTS - 1; i += 1) await checkOneTimeCode({ purpose: 'password_reset', userId: id }, wrong === next.code ? '222222' : wrong);
    const right = await checkOneTimeCode({ purpose: 'password_reset', userId: id }, next.code);
    expect(right.ok).toBe(true);
    expect(await transaction((tx) => consumeOneTimeCode(tx, right.ok ? right.code.id : ''))).toBe(true);
  });

  it('expires, and never outlives notAfter', async () => {
    const { id, email } = await user();
    const { code } = await issueOneTimeCode(db, { purpose: 'password_reset', userId: id, target: email! });
    await db.oneTimeCode.updateMany({ where: { userId: id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await checkOneTimeCode({ purpose: 'password_reset', userId: id }, code)).toMatchObject({ ok: false, reason: 'expired' });
    const capped = await issueOneTimeCode(db, { purpose: 'password_reset', userId: id, target: email!, notAfter: new Date(Date.now() + 60_000) });
    expect(capped.expiresIn).toBeLessThanOrEqual(60);
  });

  it('a link token is long and random', async () => {
    const { id, email } = await user();
    const { code } = await issueOneTimeCode(db, { purpose: 'password_reset', userId: id, target: email!, kind: 'link' });
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
