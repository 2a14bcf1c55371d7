import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { handleTokenRequest } from '@/lib/oauth/token-endpoint';
import { authorizeParams, makePkce, makeSpaApp, makeUser } from '@/lib/testing/factories';
import { lastCode, lastEmail, lastLink, pathOf, ssoTokenOf, startFlow } from '@/lib/testing/flows';
import { openFlow, REQUEST_COOKIE_PREFIX } from '@/lib/flow';
import { startAuthorization } from '@/lib/sign-in/start';
import { cancelPasswordless, completeMagicLink, getPasswordlessView, resendPasswordless, startPasswordless, verifyPasswordlessCode } from './passwordless';
import { signInMachine } from '@/lib/sign-in/machine';

beforeEach(() =>
  overrideConfigForTesting({
    enablePasswordlessSignIn: true,
    usePasswordlessAsMagicLink: false,
    enableSignUp: false,
    enablePasswordSignIn: false,
    enablePasswordReset: false,
    emailMfaEmailThreshold: 10,
    mfaCodeVerifyThreshold: 10,
  }),
);
afterEach(() => resetConfigForTesting());

const address = () => `pl-${randomUUID()}@example.test`;
const isCallback = (location: string) => new URL(location).searchParams.has('code');

describe('passwordless code', () => {
  it('answers every address alike — unknown, known, disabled — and creates no account before the code', async () => {
    const known = await makeUser();
    const disabled = await makeUser();
    await db.user.update({ where: { id: disabled.id }, data: { isActive: false } });
    const unknown = address();
    const outcomes = [];
    for (const email of [unknown, known.email!, disabled.email!]) {
      const browser = await startFlow();
      const outcome = await startPasswordless(browser, { email });
      outcomes.push({ path: pathOf(outcome), cookies: outcome.cookies, query: [...new URL(outcome.location).searchParams.keys()] });
      expect(await lastCode(email)).toMatch(/^\d{6}$/);
      expect(await getPasswordlessView(browser)).toMatchObject({ email, codeSent: true, magicLink: false, redirectTo: null });
    }
    expect(new Set(outcomes.map((outcome) => JSON.stringify(outcome))).size).toBe(1);
    expect(outcomes[0]!.path).toBe('/identity/v1/passwordless-verify');
    expect(await db.user.count({ where: { email: unknown } })).toBe(0);
  });

  it('the right code creates the account (verified, no password) and signs in with amr otp', async () => {
    const app = await makeSpaApp({ skipConsent: true });
    const pkce = makePkce();
    const started = await startAuthorization(authorizeParams(app, pkce, { locale: 'zh-CN' }), {});
    const browser = {
      machine: signInMachine,
      requestId: new URL(started.location).searchParams.get('request')!,
      bindingSecret: started.cookies.find((cookie) => cookie.name.startsWith(REQUEST_COOKIE_PREFIX))!.value,
      userAgent: 'vitest',
      ip: '',
    };
    const email = address();
    await startPasswordless(browser, { email: email.toUpperCase() });
    expect((await lastEmail(email))?.subject).toMatch(/登录|验证码/);
    const outcome = await verifyPasswordlessCode(browser, { code: await lastCode(email) });
    expect(isCallback(outcome.location)).toBe(true);
    expect(ssoTokenOf(outcome)).toBeTruthy();
    const user = await db.user.findFirstOrThrow({ where: { email } });
    expect(user).toMatchObject({ emailVerified: true, passwordHash: null, locale: 'zh-CN', authProvider: 'local' });
    const tokens = await handleTokenRequest(
      new URLSearchParams({ grant_type: 'authorization_code', code: new URL(outcome.location).searchParams.get('code')!, code_verifier: pkce.verifier }),
      null,
    );
    expect(decodeJwt(tokens.id_token!)).toMatchObject({ sub: user.id, amr: ['otp'] });
  });

  it('signs an existing account in and marks its address verified; a disabled one learns so only with the right code', async () => {
    const known = await makeUser();
    await db.user.update({ where: { id: known.id }, data: { emailVerified: false } });
    const browser = await startFlow();
    await startPasswordless(browser, { email: known.email! });
    await verifyPasswordlessCode(browser, { code: await lastCode(known.email!) });
    expect((await db.user.findUniqueOrThrow({ where: { id: known.id } })).emailVerified).toBe(true);
    expect((await db.authorizationCode.count({ where: { userId: known.id } }))).toBe(1);

    const disabled = await makeUser();
    await db.user.update({ where: { id: disabled.id }, data: { isActive: false } });
    const other = await startFlow();
    await startPasswordless(other, { email: disabled.email! });
    await expect(verifyPasswordlessCode(other, { code: '000000' === (await lastCode(disabled.email!)) ? '111111' : '000000' })).rejects.toMatchObject({
      code: 'invalid_code',
    });
    await expect(verifyPasswordlessCode(other, { code: await lastCode(disabled.email!) })).rejects.toMatchObject({ code: 'account_disabled' });
  });

  it('wrong codes: invalid_code, 5 per code, MFA_CODE_VERIFY_THRESHOLD per address + IP; a code is single use', async () => {
    overrideConfigForTesting({ mfaCodeVerifyThreshold: 3 });
    const email = address();
    const browser = await startFlow({ ip: '203.0.113.50' });
    await startPasswordless(browser, { email });
    const code = await lastCode(email);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 3; i += 1) {
      await expect(verifyPasswordlessCode(browser, { code: wrong })).rejects.toMatchObject({ code: 'invalid_code', status: 400, fields: { code: 'invalid_code' } });
    }
    await expect(verifyPasswordlessCode(browser, { code })).rejects.toMatchObject({ code: 'too_many_requests' });
    const elsewhere = { ...browser, ip: '203.0.113.51' };
    expect(isCallback((await verifyPasswordlessCode(elsewhere, { code })).location)).toBe(true);
    await expect(verifyPasswordlessCode(elsewhere, { code })).rejects.toMatchObject({ code: 'request_not_found' });
  });

  it('resend replaces the code (EMAIL_MFA_EMAIL_THRESHOLD per address + IP); "another address" goes back to the email step', async () => {
    overrideConfigForTesting({ emailMfaEmailThreshold: 2 });
    const email = address();
    const browser = await startFlow();
    await startPasswordless(browser, { email });
    const first = await lastCode(email);
    await resendPasswordless(browser);
    const second = await lastCode(email);
    await expect(resendPasswordless(browser)).rejects.toMatchObject({ code: 'too_many_requests' });
    if (first !== second) await expect(verifyPasswordlessCode(browser, { code: first })).rejects.toMatchObject({ code: 'invalid_code' });

    const back = await cancelPasswordless(browser);
    expect(pathOf(back)).toBe('/identity/v1/sign-in');
    expect((await openFlow(browser)).step?.name).toBe('sign_in');
    await expect(verifyPasswordlessCode(browser, { code: second })).rejects.toMatchObject({ code: 'wrong_step' });
    const corrected = address();
    await startPasswordless(browser, { email: corrected });
    expect(isCallback((await verifyPasswordlessCode(browser, { code: await lastCode(corrected) })).location)).toBe(true);
  });

  it('is refused when passwordless is off, and for malformed addresses', async () => {
    const browser = await startFlow();
    await expect(startPasswordless(browser, { email: 'nope' })).rejects.toMatchObject({ fields: { email: 'invalid_email' } });
    overrideConfigForTesting({ enablePasswordlessSignIn: false });
    await expect(startPasswordless(browser, { email: address() })).rejects.toMatchObject({ code: 'passwordless_disabled', status: 403 });
  });

  it('a new account for an org closed to registration is refused', async () => {
    overrideConfigForTesting({ enableOrg: true });
    const slug = `pl-${randomUUID().slice(0, 8)}`;
    const closed = await db.org.create({ data: { name: slug, slug, allowPublicRegistration: false } });
    const browser = await startFlow({ params: { org: closed.slug } });
    const email = address();
    await startPasswordless(browser, { email });
    await expect(verifyPasswordlessCode(browser, { code: await lastCode(email) })).rejects.toMatchObject({ code: 'registration_closed' });
    expect(await db.user.count({ where: { email } })).toBe(0);
  });
});

describe('magic link (USE_PASSWORDLESS_AS_MAGIC_LINK)', () => {
  beforeEach(() => overrideConfigForTesting({ usePasswordlessAsMagicLink: true }));

  it('emails a single-use link that completes the request in the browser that started it', async () => {
    const email = address();
    const browser = await startFlow();
    await startPasswordless(browser, { email });
    const link = await lastLink(email, '/identity/v1/magic-link');
    expect(link.searchParams.get('request')).toBe(browser.requestId);
    expect(link.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // No code to type: nothing but the link (whose token and request id may contain digits).
    expect((await lastEmail(email))?.text.replace(/https?:\/\/\S+/g, '')).not.toMatch(/(?<!\d)\d{6}(?!\d)/);
    expect(await getPasswordlessView(browser)).toMatchObject({ magicLink: true, codeSent: true });

    const outcome = await completeMagicLink(browser, link.searchParams.get('token')!);
    expect(isCallback(outcome.location)).toBe(true);
    expect(ssoTokenOf(outcome)).toBeTruthy();
    await expect(completeMagicLink(browser, link.searchParams.get('token')!)).rejects.toMatchObject({ code: 'request_not_found' });
  });

  it('in another browser: refused without using the link up; a wrong token is counted and refused', async () => {
    const email = address();
    const browser = await startFlow();
    await startPasswordless(browser, { email });
    const token = (await lastLink(email, '/identity/v1/magic-link')).searchParams.get('token')!;
    await expect(completeMagicLink({ ...browser, bindingSecret: undefined }, token)).rejects.toMatchObject({ code: 'magic_link_other_browser' });
    await expect(completeMagicLink({ ...browser, bindingSecret: 'another-browser' }, token)).rejects.toMatchObject({ code: 'magic_link_other_browser' });
    await expect(completeMagicLink(browser, 'x'.repeat(43))).rejects.toMatchObject({ code: 'magic_link_invalid' });
    // A typed 6-digit code means nothing in link mode.
    await expect(verifyPasswordlessCode(browser, { code: '123456' })).rejects.toMatchObject({ code: 'invalid_code' });
    expect(isCallback((await completeMagicLink(browser, token)).location)).toBe(true);
  });

  it('an expired request says so', async () => {
    const email = address();
    const browser = await startFlow();
    await startPasswordless(browser, { email });
    const token = (await lastLink(email, '/identity/v1/magic-link')).searchParams.get('token')!;
    await db.authorizationRequest.update({ where: { id: browser.requestId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(completeMagicLink({ ...browser, bindingSecret: undefined }, token)).rejects.toMatchObject({ code: 'request_expired' });
  });
});
