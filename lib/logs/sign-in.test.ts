import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { signInWithPassword } from '@/lib/identity/sign-in';
import { startPasswordless, verifyPasswordlessCode } from '@/lib/identity/passwordless';
import { makeUser } from '@/lib/testing/factories';
import { lastCode, pathOf, startFlow } from '@/lib/testing/flows';

afterEach(() => resetConfigForTesting());

const rowsOfApp = (appId: string) => db.signInLog.findMany({ where: { appId }, orderBy: { createdAt: 'asc' } });

async function refusedPassword(browser: Awaited<ReturnType<typeof startFlow>>, email: string, password: string) {
  await expect(signInWithPassword(browser, { email, password })).rejects.toMatchObject({ code: 'invalid_credentials' });
}

describe('sign-in log (ENABLE_SIGN_IN_LOG on, the default)', () => {
  it('records a password sign-in, a wrong password against the account and an unknown address without one', async () => {
    const user = await makeUser();
    const browser = await startFlow({ ip: '203.0.113.7' });
    const unknown = `nobody-${randomUUID()}@example.test`;

    await refusedPassword(browser, user.email!, `${user.password}-wrong`);
    await refusedPassword(browser, unknown, 'Whatever-123');
    const outcome = await signInWithPassword(browser, { email: user.email!, password: user.password });
    expect(pathOf(outcome)).not.toBe('/identity/v1/sign-in');

    const rows = await rowsOfApp(browser.app.id);
    expect(rows.map(({ userId, email, method, success, reason, ip, userAgent }) => ({ userId, email, method, success, reason, ip, userAgent }))).toEqual([
      { userId: user.id, email: user.email, method: 'password', success: false, reason: 'invalid_credentials', ip: '203.0.113.7', userAgent: 'vitest' },
      { userId: null, email: unknown, method: 'password', success: false, reason: 'invalid_credentials', ip: '203.0.113.7', userAgent: 'vitest' },
      { userId: user.id, email: user.email, method: 'password', success: true, reason: '', ip: '203.0.113.7', userAgent: 'vitest' },
    ]);
  });

  it('records a disabled account refused with its reason', async () => {
    const user = await makeUser();
    await db.user.update({ where: { id: user.id }, data: { isActive: false } });
    const browser = await startFlow();
    await expect(signInWithPassword(browser, { email: user.email!, password: user.password })).rejects.toMatchObject({ code: 'account_disabled' });
    expect(await rowsOfApp(browser.app.id)).toMatchObject([{ userId: user.id, method: 'password', success: false, reason: 'account_disabled' }]);
  });

  it('records a wrong passwordless code against the address and the right one as a passwordless sign-in', async () => {
    overrideConfigForTesting({ enablePasswordlessSignIn: true, usePasswordlessAsMagicLink: false, enablePasswordSignIn: false, enableSignUp: false });
    const user = await makeUser();
    const browser = await startFlow();
    await startPasswordless(browser, { email: user.email! });
    const code = await lastCode(user.email!);
    const wrong = code === '000000' ? '111111' : '000000';
    await expect(verifyPasswordlessCode(browser, { code: wrong })).rejects.toMatchObject({ code: 'invalid_code' });
    await verifyPasswordlessCode(browser, { code });

    expect(await rowsOfApp(browser.app.id)).toMatchObject([
      { userId: user.id, method: 'passwordless', success: false, reason: 'invalid_code' },
      { userId: user.id, method: 'passwordless', success: true, reason: '' },
    ]);
  });
});

describe('sign-in log off (ENABLE_SIGN_IN_LOG=false)', () => {
  it('keeps no row for sign-ins or refused attempts, and the sign-in still works', async () => {
    overrideConfigForTesting({ enableSignInLog: false });
    const user = await makeUser();
    const browser = await startFlow();
    await refusedPassword(browser, user.email!, `${user.password}-wrong`);
    const outcome = await signInWithPassword(browser, { email: user.email!, password: user.password });
    expect(pathOf(outcome)).not.toBe('/identity/v1/sign-in');
    expect(await db.signInLog.count({ where: { OR: [{ appId: browser.app.id }, { userId: user.id }] } })).toBe(0);
  });
});
