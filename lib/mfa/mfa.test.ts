import { decodeJwt } from 'jose';
import { generate } from 'otplib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { overrideConfigForTesting, resetConfigForTesting, type Config } from '@/lib/config';
import { db } from '@/lib/db';
import { listOutbox } from '@/lib/dev-outbox';
import { decideConsent } from '@/lib/identity/consent';
import { signInWithPassword } from '@/lib/identity/sign-in';
import { startAuthorization } from '@/lib/sign-in/start';
import { FULLY_AUTHORIZED, type FlowOutcome } from '@/lib/flow';
import { confirmEmailInFlow } from '@/lib/identity/verify-email-step';
import { handleTokenRequest } from '@/lib/oauth/token-endpoint';
import { browserFrom, lastCode, pathOf, ssoTokenOf, startFlow, type TestBrowser } from '@/lib/testing/flows';
import { authorizeParams, makePkce, makeSpaApp, makeUser } from '@/lib/testing/factories';
import {
  chooseMfaEnrollment,
  getEmailView,
  getOtpView,
  getSmsView,
  passWithRememberedDevice,
  rememberedFactor,
  resendSmsCode,
  sendEmailMfaCode,
  setupSmsPhone,
  verifyEmailMfaStep,
  verifyOtpStep,
  verifySmsStep,
} from './flow-steps';
import { rememberCookieName } from './remember-device';
import { getResetMfaView, resetMfa } from './reset';
import { mfaRules, mfaStep } from './steps';

const NO_MFA: Partial<Config> = {
  otpMfaIsRequired: false,
  emailMfaIsRequired: false,
  smsMfaIsRequired: false,
  enforceOneMfaEnrollment: [],
  allowEmailMfaAsBackup: true,
  enableMfaRememberDevice: false,
  enableUserAppConsent: false,
  emailVerificationMode: 'none',
  devOutbox: true,
  emailMfaEmailThreshold: 10,
  smsMfaMessageThreshold: 5,
  mfaCodeVerifyThreshold: 10,
};

beforeEach(() => overrideConfigForTesting(NO_MFA));
afterEach(() => resetConfigForTesting());

type App = Awaited<ReturnType<typeof makeSpaApp>>;
type User = Awaited<ReturnType<typeof makeUser>>;

const isCallback = (outcome: FlowOutcome) => new URL(outcome.location).searchParams.has('code');

async function signIn(user: User, options: { app?: App; ip?: string; params?: Record<string, string> } = {}) {
  const browser = await startFlow({ app: options.app, ip: options.ip, params: options.params });
  const outcome = await signInWithPassword(browser, { email: user.email!, password: user.password });
  return { browser, outcome };
}

async function codesIssued(userId: string) {
  return db.authorizationCode.count({ where: { userId } });
}

async function totpSecretOf(browser: TestBrowser): Promise<string> {
  const view = await getOtpView(browser);
  expect(view.setup?.secret).toMatch(/^[A-Z2-7]{32}$/);
  return view.setup!.secret;
}

/** A user who set up TOTP (required by the system) and whose last code was accepted `stepsAgo` steps back. */
/**
 * Waits, when needed, until the current 30 s TOTP step has at least 5 s left, so that a code made
 * for the previous step is still within ±1 step when the server checks it. Bug guarded: on a
 * loaded machine the step sometimes changed between generating and checking, and the
 * previous-step code was refused.
 */
async function awayFromStepEdge() {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < 5_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

async function userWithTotp() {
  const user = await makeUser();
  overrideConfigForTesting({ otpMfaIsRequired: true });
  const { browser } = await signIn(user);
  const secret = await totpSecretOf(browser);
  await awayFromStepEdge();
  const done = await verifyOtpStep(browser, { code: await generate({ secret, epoch: Math.floor(Date.now() / 1000) - 30 }) });
  expect(isCallback(done)).toBe(true);
  return { user, secret };
}

async function exchange(outcome: FlowOutcome, app: App, pkce: { verifier: string }) {
  const code = new URL(outcome.location).searchParams.get('code')!;
  return handleTokenRequest(new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: pkce.verifier, redirect_uri: app.redirectUri }), null);
}

async function smsCode(to: string): Promise<string> {
  const [message] = await listOutbox({ to, channel: 'sms' });
  const code = message ? /(?<!\d)(\d{6})(?!\d)/.exec(message.text)?.[1] : undefined;
  if (!code) throw new Error(`no SMS to ${to}`);
  return code;
}

const phone = () => `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

describe('rules', () => {
  const app = { useSystemMfaConfig: true, requireEmailMfa: false, requireOtpMfa: false, requireSmsMfa: false, allowEmailMfaAsBackup: false };

  it("the system's rules, the enrollment prompt only when no factor is required", () => {
    overrideConfigForTesting({ enforceOneMfaEnrollment: ['otp', 'email'] });
    expect(mfaRules(app)).toEqual({ required: { otp: false, email: false, sms: false }, enforceOne: ['otp', 'email'], allowEmailBackup: true });
    overrideConfigForTesting({ smsMfaIsRequired: true });
    expect(mfaRules(app)).toMatchObject({ required: { sms: true }, enforceOne: [] });
  });

  it("an app's own MFA configuration replaces the system's, without the enrollment prompt", () => {
    overrideConfigForTesting({ otpMfaIsRequired: true, enforceOneMfaEnrollment: ['otp'] });
    expect(mfaRules({ ...app, useSystemMfaConfig: false, requireEmailMfa: true })).toEqual({
      required: { otp: false, email: true, sms: false },
      enforceOne: [],
      allowEmailBackup: false,
    });
  });

  it('a passkey or recovery-code sign-in (fully authorized) needs no MFA step', async () => {
    overrideConfigForTesting({ otpMfaIsRequired: true });
    const user = await makeUser();
    const { browser } = await signIn(user);
    const row = await db.authorizationRequest.findUniqueOrThrow({ where: { id: browser.requestId }, include: { app: true } });
    expect(await mfaStep(row)).toBe('otp_setup');
    expect(await mfaStep({ ...row, completedSteps: [FULLY_AUTHORIZED] })).toBeNull();
  });

  it('no MFA by default', async () => {
    const { outcome } = await signIn(await makeUser());
    expect(isCallback(outcome)).toBe(true);
  });
});

describe('TOTP', () => {
  it('required: set up from the secret, wrong and replayed codes refused, amr in the ID token, asked again next time', async () => {
    overrideConfigForTesting({ otpMfaIsRequired: true });
    const user = await makeUser();
    const app = await makeSpaApp({ skipConsent: true });
    const pkce = makePkce();
    const started = await startAuthorization(authorizeParams(app, pkce), {});
    const browser = { ...browserFrom(started), app, started };
    const signedIn = await signInWithPassword(browser, { email: user.email!, password: user.password });
    expect(pathOf(signedIn)).toBe('/identity/v1/otp-setup');

    const secret = await totpSecretOf(browser);
    // A reload shows the same secret, stored encrypted.
    expect((await getOtpView(browser)).setup?.secret).toBe(secret);
    const stored = await db.totpSecret.findUniqueOrThrow({ where: { userId: user.id } });
    expect(stored.secretEncrypted).not.toContain(secret);
    expect((await getOtpView(browser)).setup?.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);

    await expect(verifyOtpStep(browser, { code: '000000' })).rejects.toMatchObject({ code: 'invalid_code', fields: { code: 'invalid_code' } });
    const stale = await generate({ secret, epoch: Math.floor(Date.now() / 1000) - 120 });
    await expect(verifyOtpStep(browser, { code: stale })).rejects.toMatchObject({ code: 'invalid_code' });
    expect(await codesIssued(user.id)).toBe(0);

    const code = await generate({ secret });
    const done = await verifyOtpStep(browser, { code });
    expect(isCallback(done)).toBe(true);
    const tokens = await exchange(done, app, pkce);
    expect(decodeJwt(tokens.id_token!).amr).toEqual(expect.arrayContaining(['pwd', 'totp', 'mfa']));
    expect(await db.mfaEnrollment.findFirst({ where: { userId: user.id, type: 'otp' } })).toMatchObject({ verifiedAt: expect.any(Date) });

    // Next sign-in: the verified secret is asked for (no setup), and the same code is refused.
    const next = await signIn(user);
    expect(pathOf(next.outcome)).toBe('/identity/v1/otp-mfa');
    await expect(verifyOtpStep(next.browser, { code })).rejects.toMatchObject({ code: 'invalid_code' });
    const failures = await db.signInLog.findMany({ where: { userId: user.id, method: 'otp_mfa', success: false } });
    expect(failures.length).toBe(3);
    expect(await db.signInLog.count({ where: { userId: user.id, method: 'otp_mfa', success: true } })).toBe(1);
  });

  it("after a code of the previous step (±1), the current step's code is still accepted", async () => {
    const { user, secret } = await userWithTotp();
    const { browser } = await signIn(user);
    const current = await generate({ secret });
    expect(isCallback(await verifyOtpStep(browser, { code: current }))).toBe(true);
  });

  it('two submissions of one code: only one passes', async () => {
    const { user, secret } = await userWithTotp();
    const first = await signIn(user);
    const second = await signIn(user);
    const code = await generate({ secret });
    const results = await Promise.allSettled([verifyOtpStep(first.browser, { code }), verifyOtpStep(second.browser, { code })]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  });
});

describe('no code before MFA is complete', () => {
  it.each([
    ['otp', { otpMfaIsRequired: true }, '/identity/v1/otp-setup'],
    ['sms', { smsMfaIsRequired: true }, '/identity/v1/sms-mfa'],
    ['email', { emailMfaIsRequired: true }, '/identity/v1/email-mfa'],
  ] as const)('%s: every other step and factor endpoint answers wrong_step and no code is issued', async (factor, rules, path) => {
    overrideConfigForTesting({ ...rules, enableUserAppConsent: true, allowEmailMfaAsBackup: false });
    const user = await makeUser();
    const { browser, outcome } = await signIn(user, { app: await makeSpaApp({ skipConsent: true }) });
    expect(pathOf(outcome)).toBe(path);
    // Called one at a time: each must fail on its own, with the request still at the MFA step.
    const attempts: Array<() => Promise<unknown>> = [
      () => decideConsent(browser, 'allow'),
      () => confirmEmailInFlow(browser, '123456'),
      () => chooseMfaEnrollment(browser, 'email'),
      () => signInWithPassword(browser, { email: user.email!, password: user.password }),
    ];
    if (factor !== 'otp') attempts.push(() => verifyOtpStep(browser, { code: '123456' }));
    if (factor !== 'sms') attempts.push(() => verifySmsStep(browser, { code: '123456' }), () => setupSmsPhone(browser, phone()));
    if (factor !== 'email') attempts.push(() => verifyEmailMfaStep(browser, { code: '123456' }), () => sendEmailMfaCode(browser));
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: expect.stringMatching(/^(wrong_step|email_fallback_unavailable)$/) });
    expect(await codesIssued(user.id)).toBe(0);
    const row = await db.authorizationRequest.findUniqueOrThrow({ where: { id: browser.requestId } });
    expect(row.completedSteps).toEqual([]);
  });

  it('prompt=none with MFA pending ends with interaction_required, no code', async () => {
    overrideConfigForTesting({ otpMfaIsRequired: true });
    const user = await makeUser();
    const app = await makeSpaApp({ skipConsent: true });
    const { outcome } = await signIn(user, { app });
    const ssoToken = ssoTokenOf(outcome);
    const silent = await startAuthorization(authorizeParams(app, makePkce(), { prompt: 'none' }), { ssoToken });
    expect(new URL(silent.location).searchParams.get('error')).toBe('interaction_required');
    expect(await codesIssued(user.id)).toBe(0);
  });

  it('an SSO session that stopped before MFA is asked again; one that passed it is not', async () => {
    overrideConfigForTesting({ emailMfaIsRequired: true });
    const user = await makeUser();
    const app = await makeSpaApp({ skipConsent: true });
    const { browser, outcome } = await signIn(user, { app });
    const ssoToken = ssoTokenOf(outcome);
    const reused = await startAuthorization(authorizeParams(app, makePkce()), { ssoToken });
    expect(pathOf(reused)).toBe('/identity/v1/email-mfa');

    await sendEmailMfaCode(browser);
    expect(isCallback(await verifyEmailMfaStep(browser, { code: await lastCode(user.email!) }))).toBe(true);
    const after = await startAuthorization(authorizeParams(app, makePkce()), { ssoToken });
    expect(isCallback(after)).toBe(true);
  });
});

describe('email MFA', () => {
  it('required: the code by email (5 minutes), a wrong one refused, sends limited per user + IP', async () => {
    overrideConfigForTesting({ emailMfaIsRequired: true, emailMfaEmailThreshold: 2 });
    const user = await makeUser();
    const { browser, outcome } = await signIn(user, { ip: '198.51.100.7' });
    expect(pathOf(outcome)).toBe('/identity/v1/email-mfa');
    expect(await getEmailView(browser, false)).toMatchObject({ redirectTo: null, codeSent: false, fallbackFor: null });
    await sendEmailMfaCode(browser);
    const code = await db.oneTimeCode.findFirstOrThrow({ where: { authorizationRequestId: browser.requestId, purpose: 'email_mfa' } });
    expect(code.expiresAt.getTime() - code.createdAt.getTime()).toBeLessThanOrEqual(300_000);
    await sendEmailMfaCode(browser);
    await expect(sendEmailMfaCode(browser)).rejects.toMatchObject({ code: 'too_many_requests' });
    await expect(verifyEmailMfaStep(browser, { code: '000000' })).rejects.toMatchObject({ code: 'invalid_code' });
    expect(isCallback(await verifyEmailMfaStep(browser, { code: await lastCode(user.email!) }))).toBe(true);
    expect(await db.signInLog.count({ where: { userId: user.id, method: 'email_mfa', success: true } })).toBe(1);
  });

  it('wrong codes of every factor count together: over MFA_CODE_VERIFY_THRESHOLD even the right code is refused', async () => {
    overrideConfigForTesting({ emailMfaIsRequired: true, mfaCodeVerifyThreshold: 2 });
    const user = await makeUser();
    const { browser } = await signIn(user, { ip: '198.51.100.8' });
    await sendEmailMfaCode(browser);
    await expect(verifyEmailMfaStep(browser, { code: '000000' })).rejects.toMatchObject({ code: 'invalid_code' });
    await expect(verifyEmailMfaStep(browser, { code: '000001' })).rejects.toMatchObject({ code: 'invalid_code' });
    await expect(verifyEmailMfaStep(browser, { code: await lastCode(user.email!) })).rejects.toMatchObject({ code: 'too_many_requests' });
  });
});

describe('SMS MFA', () => {
  it('required: the number (E.164) set up by its code, then texted to the verified number; sends limited', async () => {
    overrideConfigForTesting({ smsMfaIsRequired: true, smsMfaMessageThreshold: 2 });
    const user = await makeUser();
    const number = phone();
    const { browser, outcome } = await signIn(user, { ip: '198.51.100.9' });
    expect(pathOf(outcome)).toBe('/identity/v1/sms-mfa');
    expect(await getSmsView(browser)).toMatchObject({ needsSetup: true, codeSent: false, phoneNumber: null });
    await expect(setupSmsPhone(browser, '555 1234')).rejects.toMatchObject({ fields: { phoneNumber: 'invalid_phone_number' } });
    await setupSmsPhone(browser, number);
    expect(await getSmsView(browser)).toMatchObject({ codeSent: true, phoneNumber: `+${'*'.repeat(number.length - 5)}${number.slice(-4)}` });
    await expect(verifySmsStep(browser, { code: '000000' })).rejects.toMatchObject({ code: 'invalid_code' });
    expect(isCallback(await verifySmsStep(browser, { code: await smsCode(number) }))).toBe(true);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ smsPhoneNumber: number, smsPhoneNumberVerified: true });

    const next = await signIn(user, { ip: '198.51.100.9' });
    expect(await getSmsView(next.browser)).toMatchObject({ needsSetup: false, codeSent: false });
    // The verified number cannot be replaced during a sign-in.
    await expect(setupSmsPhone(next.browser, phone())).rejects.toMatchObject({ code: 'wrong_step' });
    await resendSmsCode(next.browser);
    await expect(resendSmsCode(next.browser)).rejects.toMatchObject({ code: 'too_many_requests' });
    expect(isCallback(await verifySmsStep(next.browser, { code: await smsCode(number) }))).toBe(true);
  });
});

describe('enrollment prompt, per-app rules, the user flag', () => {
  it('ENFORCE_ONE_MFA_ENROLLMENT: pick one of the allowed factors, then pass it', async () => {
    overrideConfigForTesting({ enforceOneMfaEnrollment: ['otp', 'email'] });
    const user = await makeUser();
    const { browser, outcome } = await signIn(user);
    expect(pathOf(outcome)).toBe('/identity/v1/mfa-enroll');
    await expect(chooseMfaEnrollment(browser, 'sms')).rejects.toMatchObject({ code: 'factor_not_offered' });
    const chosen = await chooseMfaEnrollment(browser, 'email');
    expect(pathOf(chosen)).toBe('/identity/v1/email-mfa');
    await sendEmailMfaCode(browser);
    expect(isCallback(await verifyEmailMfaStep(browser, { code: await lastCode(user.email!) }))).toBe(true);
    // Enrolled now: asked for email MFA, no prompt.
    expect(pathOf((await signIn(user)).outcome)).toBe('/identity/v1/email-mfa');
  });

  it("an app's configuration overrides the system's", async () => {
    overrideConfigForTesting({ otpMfaIsRequired: true });
    const user = await makeUser();
    const own = await makeSpaApp({ skipConsent: true });
    await db.app.update({ where: { id: own.id }, data: { useSystemMfaConfig: false, requireEmailMfa: true } });
    expect(pathOf((await signIn(user, { app: own })).outcome)).toBe('/identity/v1/email-mfa');
    const none = await makeSpaApp({ skipConsent: true });
    await db.app.update({ where: { id: none.id }, data: { useSystemMfaConfig: false } });
    expect(isCallback((await signIn(user, { app: none })).outcome)).toBe(true);
    expect(pathOf((await signIn(user)).outcome)).toBe('/identity/v1/otp-setup');
  });

  it("an admin's 'MFA required' on one user prompts for any factor", async () => {
    const user = await makeUser();
    await db.user.update({ where: { id: user.id }, data: { mfaRequired: true } });
    const { browser, outcome } = await signIn(user);
    expect(pathOf(outcome)).toBe('/identity/v1/mfa-enroll');
    expect(pathOf(await chooseMfaEnrollment(browser, 'sms'))).toBe('/identity/v1/sms-mfa');
  });
});

describe('email fallback', () => {
  it('ALLOW_EMAIL_MFA_AS_BACKUP: an emailed code passes the TOTP step; refused when off', async () => {
    const { user } = await userWithTotp();
    const { browser } = await signIn(user);
    expect(await getOtpView(browser)).toMatchObject({ allowEmailFallback: true });
    expect(await getEmailView(browser, true)).toMatchObject({ redirectTo: null, fallbackFor: 'otp_mfa' });
    await sendEmailMfaCode(browser);
    const done = await verifyEmailMfaStep(browser, { code: await lastCode(user.email!) });
    expect(isCallback(done)).toBe(true);
    expect(await db.signInLog.count({ where: { userId: user.id, method: 'email_mfa', reason: 'email_fallback' } })).toBe(1);

    overrideConfigForTesting({ allowEmailMfaAsBackup: false });
    const next = await signIn(user);
    expect(await getOtpView(next.browser)).toMatchObject({ allowEmailFallback: false });
    await expect(sendEmailMfaCode(next.browser)).rejects.toMatchObject({ code: 'email_fallback_unavailable' });
    await expect(verifyEmailMfaStep(next.browser, { code: '123456' })).rejects.toMatchObject({ code: 'email_fallback_unavailable' });
  });
});

describe('remember device', () => {
  it('skips the factor with its cookie for its user until the row expires or is deleted', async () => {
    const { user, secret } = await userWithTotp();
    overrideConfigForTesting({ enableMfaRememberDevice: true });
    const { browser } = await signIn(user);
    const passed = await verifyOtpStep(browser, { code: await generate({ secret }), rememberDevice: true });
    const cookie = passed.cookies.find((entry) => entry.name === rememberCookieName('otp'));
    expect(cookie).toMatchObject({ httpOnly: true, maxAge: 30 * 86400 });
    const jar = (value: string) => (name: string) => (name === rememberCookieName('otp') ? value : undefined);
    const cookieOf = jar(cookie!.value);

    // A request that reaches the step through the page (e.g. reusing an SSO session): the page sends it through the hop.
    const next = await signIn(user);
    expect(await rememberedFactor({ ...next.browser, cookie: cookieOf })).toBe('otp');
    expect(isCallback(await passWithRememberedDevice({ ...next.browser, cookie: cookieOf }))).toBe(true);
    expect(await db.signInLog.count({ where: { userId: user.id, reason: 'remembered_device' } })).toBe(1);

    // A sign-in whose request carries the cookie passes the step as it reaches it.
    const carried = await startFlow({ app: next.browser.app });
    const direct = await signInWithPassword({ ...carried, cookie: cookieOf }, { email: user.email!, password: user.password });
    expect(isCallback(direct)).toBe(true);
    expect(await db.signInLog.count({ where: { userId: user.id, reason: 'remembered_device' } })).toBe(2);

    // Another user, a forged cookie, the setting off: not remembered.
    const other = await userWithTotp();
    overrideConfigForTesting({ enableMfaRememberDevice: true });
    const otherFlow = await signIn(other.user);
    expect(await rememberedFactor({ ...otherFlow.browser, cookie: cookieOf })).toBeNull();
    await expect(passWithRememberedDevice({ ...otherFlow.browser, cookie: cookieOf })).rejects.toMatchObject({ code: 'wrong_step' });
    const forged = jar(`${cookie!.value.split('.')[0]}.forged`);
    const third = await signIn(user);
    expect(await rememberedFactor({ ...third.browser, cookie: forged })).toBeNull();

    await db.rememberedDevice.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await rememberedFactor({ ...third.browser, cookie: cookieOf })).toBeNull();
    await expect(passWithRememberedDevice({ ...third.browser, cookie: cookieOf })).rejects.toMatchObject({ code: 'wrong_step' });
    expect(await codesIssued(user.id)).toBe(4);
  });
});

describe('reset_mfa', () => {
  it('after passing MFA, the user removes every factor and remembered device; the next sign-in sets one up again', async () => {
    const { user, secret } = await userWithTotp();
    overrideConfigForTesting({ enableMfaRememberDevice: true });
    await db.user.update({ where: { id: user.id }, data: { smsPhoneNumber: '+15550001111', smsPhoneNumberVerified: true } });
    await db.mfaEnrollment.create({ data: { userId: user.id, type: 'sms', verifiedAt: new Date() } });
    const { browser, outcome } = await signIn(user, { params: { policy: 'reset_mfa' } });
    expect(pathOf(outcome)).toBe('/identity/v1/otp-mfa');
    // The policy page cannot be reached before MFA.
    await expect(resetMfa(browser)).rejects.toMatchObject({ code: 'wrong_step' });
    const otpPassed = await verifyOtpStep(browser, { code: await generate({ secret }), rememberDevice: true });
    expect(pathOf(otpPassed)).toBe('/identity/v1/sms-mfa');
    await resendSmsCode(browser);
    expect(pathOf(await verifySmsStep(browser, { code: await smsCode('+15550001111') }))).toBe('/identity/v1/reset-mfa');
    expect(await getResetMfaView(browser)).toMatchObject({ redirectTo: null, ineligible: null, hasMfa: true });

    expect(isCallback(await resetMfa(browser))).toBe(true);
    expect(await db.mfaEnrollment.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.totpSecret.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.rememberedDevice.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ smsPhoneNumber: null, smsPhoneNumberVerified: false });
    expect(await db.auditEvent.count({ where: { targetId: user.id, action: 'user.mfa_reset' } })).toBe(1);
    expect(pathOf((await signIn(user)).outcome)).toBe('/identity/v1/otp-setup');
  });
});
