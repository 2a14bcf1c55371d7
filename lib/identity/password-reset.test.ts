import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { issueUserTokens, makeSpaApp, makeUser } from '@/lib/testing/factories';
import { lastCode, lastEmail, startFlow } from '@/lib/testing/flows';
import { authenticateWithPassword } from '@/lib/users/service';
import { findSsoSession } from './sso-session';
import { requestPasswordReset, resetPassword } from './password-reset';

const NEW_PASSWORD = 'Brand-new-pass-1';

beforeEach(() =>
  overrideConfigForTesting({
    enablePasswordReset: true,
    passwordResetEmailThreshold: 5,
    passwordResetCodeThreshold: 5,
    unlockAccountViaPasswordReset: true,
    accountLockoutThreshold: 3,
  }),
);
afterEach(() => resetConfigForTesting());

/** Runs the deferred sends like next/server after() does: once the answer is out. */
function deferred() {
  const tasks: Array<() => Promise<void>> = [];
  return { defer: (task: () => Promise<void>) => void tasks.push(task), run: () => Promise.all(tasks.splice(0).map((task) => task())), tasks };
}

async function askForCode(email: string, ip = '') {
  const queue = deferred();
  const result = await requestPasswordReset({ email }, { ip, locale: 'en', defer: queue.defer });
  await queue.run();
  return result;
}

describe('asking for a reset code', () => {
  it('emails a 6-digit code to an active local account, after the answer', async () => {
    const user = await makeUser();
    const queue = deferred();
    await requestPasswordReset({ email: user.email!.toUpperCase() }, { ip: '', locale: 'zh-CN', defer: queue.defer });
    expect(await lastEmail(user.email!)).toBeUndefined();
    await queue.run();
    const message = await lastEmail(user.email!);
    expect(message?.subject).toContain('重置');
    expect(await lastCode(user.email!)).toMatch(/^\d{6}$/);
  });

  it('answers unknown, disabled and invited addresses exactly alike, and sends them nothing', async () => {
    const disabled = await makeUser();
    await db.user.update({ where: { id: disabled.id }, data: { isActive: false } });
    for (const email of [`nobody-${randomUUID()}@example.test`, disabled.email!]) {
      expect(await askForCode(email)).toBeUndefined();
      expect(await lastEmail(email)).toBeUndefined();
    }
  });

  it('counts requests per address + IP for known and unknown addresses alike (PASSWORD_RESET_EMAIL_THRESHOLD)', async () => {
    overrideConfigForTesting({ passwordResetEmailThreshold: 2 });
    const known = (await makeUser()).email!;
    const unknown = `nobody-${randomUUID()}@example.test`;
    for (const email of [known, unknown]) {
      await askForCode(email, '203.0.113.1');
      await askForCode(email, '203.0.113.1');
      await expect(askForCode(email, '203.0.113.1')).rejects.toMatchObject({ code: 'too_many_requests', status: 429 });
      await askForCode(email, '203.0.113.2');
    }
  });

  it('checks the address format and the feature switch', async () => {
    await expect(askForCode('not an email')).rejects.toMatchObject({ code: 'invalid_input', fields: { email: 'invalid_email' } });
    overrideConfigForTesting({ enablePasswordReset: false });
    await expect(askForCode('a@b.test')).rejects.toMatchObject({ code: 'password_reset_disabled', status: 403 });
  });
});

describe('resetting the password', () => {
  it('sets the new password once, verifies the address, ends sessions and refresh tokens, returns to the sign-in of the request', async () => {
    const user = await makeUser();
    const app = await makeSpaApp({ skipConsent: true });
    const { tokens, ssoToken } = await issueUserTokens(app, user);
    await db.user.update({ where: { id: user.id }, data: { emailVerified: false } });
    const browser = await startFlow({ app, params: { locale: 'zh-CN' } });
    await askForCode(user.email!);
    const code = await lastCode(user.email!);

    const result = await resetPassword({ email: user.email!, code, password: NEW_PASSWORD }, { ip: '', locale: 'en', requestId: browser.requestId, bindingSecret: browser.bindingSecret });
    const back = new URL(result.redirectTo);
    expect(back.pathname).toBe('/identity/v1/sign-in');
    expect(Object.fromEntries(back.searchParams)).toEqual({ request: browser.requestId, locale: 'zh-CN', notice: 'password_reset' });

    await expect(authenticateWithPassword(user.email!, user.password)).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect((await authenticateWithPassword(user.email!, NEW_PASSWORD)).id).toBe(user.id);
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.emailVerified).toBe(true);
    expect(await findSsoSession(ssoToken)).toBeNull();
    expect(await db.refreshToken.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect(await db.refreshToken.count({ where: { userId: user.id, revokedReason: 'password_reset' } })).toBeGreaterThan(0);
    expect(tokens.refresh_token).toBeTruthy();
    expect(await db.auditEvent.count({ where: { action: 'user.password_reset', targetId: user.id } })).toBe(1);

    await expect(resetPassword({ email: user.email!, code, password: 'Another-pass-2' }, { ip: '', locale: 'en' })).rejects.toMatchObject({ code: 'invalid_code' });
  });

  it('without a usable request, ends on the "password changed" page', async () => {
    const user = await makeUser();
    await askForCode(user.email!);
    const result = await resetPassword({ email: user.email!, code: await lastCode(user.email!), password: NEW_PASSWORD }, { ip: '', locale: 'zh-CN', requestId: randomUUID(), bindingSecret: 'x' });
    expect(result.redirectTo).toBe('http://localhost:3999/identity/v1/forgot-password?done=1&locale=zh-CN');
  });

  it('refuses a weak password, or the current one, and keeps the code usable', async () => {
    const user = await makeUser({ password: 'Current-pass-1' });
    await askForCode(user.email!);
    const code = await lastCode(user.email!);
    await expect(resetPassword({ email: user.email!, code, password: 'weak' }, { ip: '', locale: 'en' })).rejects.toMatchObject({ code: 'weak_password', fields: { password: 'weak_password' } });
    await expect(resetPassword({ email: user.email!, code, password: 'Current-pass-1' }, { ip: '', locale: 'en' })).rejects.toMatchObject({
      code: 'password_unchanged',
      fields: { password: 'password_unchanged' },
    });
    await resetPassword({ email: user.email!, code, password: NEW_PASSWORD }, { ip: '', locale: 'en' });
  });

  it('wrong codes fail alike for known and unknown addresses and are limited per address + IP (PASSWORD_RESET_CODE_THRESHOLD)', async () => {
    overrideConfigForTesting({ passwordResetCodeThreshold: 2 });
    const user = await makeUser();
    await askForCode(user.email!);
    const code = await lastCode(user.email!);
    const wrong = code === '000000' ? '111111' : '000000';
    const errors = [];
    for (const email of [user.email!, `nobody-${randomUUID()}@example.test`]) {
      for (let i = 0; i < 2; i += 1) {
        const error = await resetPassword({ email, code: wrong, password: NEW_PASSWORD }, { ip: '192.0.2.5', locale: 'en' }).catch((caught) => caught);
        errors.push({ code: error.code, status: error.status, message: error.message, fields: error.fields });
      }
      await expect(resetPassword({ email, code, password: NEW_PASSWORD }, { ip: '192.0.2.5', locale: 'en' })).rejects.toMatchObject({ code: 'too_many_requests' });
    }
    expect(new Set(errors.map((error) => JSON.stringify(error))).size).toBe(1);
    expect(errors[0]).toEqual({ code: 'invalid_code', status: 400, message: 'The code is incorrect or has expired.', fields: { code: 'invalid_code' } });
    // Another IP is not blocked, and the right code still works there.
    await resetPassword({ email: user.email!, code, password: NEW_PASSWORD }, { ip: '192.0.2.6', locale: 'en' });
  });

  it('an expired code fails', async () => {
    const user = await makeUser();
    await askForCode(user.email!);
    await db.oneTimeCode.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    await expect(resetPassword({ email: user.email!, code: await lastCode(user.email!), password: NEW_PASSWORD }, { ip: '', locale: 'en' })).rejects.toMatchObject({
      code: 'invalid_code',
    });
  });
});

describe('reset and lockout (UNLOCK_ACCOUNT_VIA_PASSWORD_RESET)', () => {
  async function lockOut(user: { email: string | null }, ip: string) {
    for (let i = 0; i < 3; i += 1) await authenticateWithPassword(user.email!, 'Wrong-pass-0', { ip }).catch(() => undefined);
    await expect(authenticateWithPassword(user.email!, 'Wrong-pass-0', { ip })).rejects.toMatchObject({ code: 'account_locked' });
  }

  it('a reset lifts the lockout for this address from this IP', async () => {
    const user = await makeUser();
    await lockOut(user, '198.51.100.20');
    await askForCode(user.email!, '198.51.100.20');
    await resetPassword({ email: user.email!, code: await lastCode(user.email!), password: NEW_PASSWORD }, { ip: '198.51.100.20', locale: 'en' });
    expect((await authenticateWithPassword(user.email!, NEW_PASSWORD, { ip: '198.51.100.20' })).id).toBe(user.id);
  });

  it('off: the lockout stays', async () => {
    overrideConfigForTesting({ unlockAccountViaPasswordReset: false });
    const user = await makeUser();
    await lockOut(user, '198.51.100.21');
    await askForCode(user.email!, '198.51.100.21');
    await resetPassword({ email: user.email!, code: await lastCode(user.email!), password: NEW_PASSWORD }, { ip: '198.51.100.21', locale: 'en' });
    await expect(authenticateWithPassword(user.email!, NEW_PASSWORD, { ip: '198.51.100.21' })).rejects.toMatchObject({ code: 'account_locked' });
  });
});
