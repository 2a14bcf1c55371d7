// Issue 12 item 3: guessing codes over HTTP. Every code check claims its attempt atomically before
// the code is judged, so concurrent guesses cannot all be judged; a sign-in request allows 5 wrong
// codes per step and then ends; IPv6 clients share the counters of their /64.
import { randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST as authorizeRecoveryCode } from '@/app/identity/v1/authorize-recovery-code/route';
import { POST as authorizePasswordless } from '@/app/identity/v1/authorize-passwordless/route';
import { POST as policyAction } from '@/app/identity/v1/policy/[action]/route';
import { POST as processEmailMfa } from '@/app/identity/v1/process-email-mfa/route';
import { POST as processOtpMfa } from '@/app/identity/v1/process-otp-mfa/route';
import { POST as processPasswordlessCode } from '@/app/identity/v1/process-passwordless-code/route';
import { POST as processVerifyEmail } from '@/app/identity/v1/process-verify-email/route';
import { POST as resetPasswordRoute } from '@/app/identity/v1/reset-password/route';
import { POST as resetPasswordCode } from '@/app/identity/v1/reset-password-code/route';
import { POST as sendEmailMfa } from '@/app/identity/v1/send-email-mfa/route';
import { POST as verifyEmailCode } from '@/app/identity/v1/verify-email-code/route';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { transaction } from '@/lib/db';
import { requestCookieName } from '@/lib/flow';
import { getExpiredRequestView } from '@/lib/identity/expired-request';
import { signInWithPassword } from '@/lib/identity/sign-in';
import { getOtpView } from '@/lib/mfa/flow-steps';
import { replaceRecoveryCode } from '@/lib/recovery-codes/service';
import { db } from '@/lib/db';
import { makeUser } from '@/lib/testing/factories';
import { lastCode, startFlow, type TestBrowser } from '@/lib/testing/flows';
import { sendVerificationEmail } from '@/lib/identity/email-verification';

const BASE = 'http://localhost:3999';
const ALLOWED = 5;

function post(path: string, body: Record<string, unknown>, browser?: TestBrowser, headers: Record<string, string> = {}) {
  return new NextRequest(`${BASE}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: BASE,
      ...(browser?.bindingSecret ? { cookie: `${requestCookieName(browser.requestId)}=${browser.bindingSecret}` } : {}),
      ...headers,
    },
    body: JSON.stringify(browser ? { requestId: browser.requestId, ...body } : body),
  });
}

type Answer = { status: number; error: string | undefined };

async function answerOf(response: Response): Promise<Answer> {
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  return { status: response.status, error: body.error };
}

/** Fires `count` requests at once; how many were judged (`judged` tells) and how the rest were answered. */
async function burst(count: number, send: (index: number) => Promise<Response>, judged: (answer: Answer) => boolean) {
  const answers = await Promise.all(Array.from({ length: count }, (_, index) => send(index).then(answerOf)));
  const judgedAnswers = answers.filter(judged);
  const others = answers.filter((answer) => !judged(answer));
  return { judged: judgedAnswers.length, others, answers };
}

/** Six digits that are not `right` (nor any code of a neighbouring time step when `avoid` is given). */
function wrongCodes(count: number, avoid: string[] = []): string[] {
  const codes: string[] = [];
  for (let value = 100000; codes.length < count; value += 7919) {
    const code = String(value % 1000000).padStart(6, '0');
    if (!avoid.includes(code) && !codes.includes(code)) codes.push(code);
  }
  return codes;
}

async function totpCodesAround(secret: string): Promise<string[]> {
  const now = Date.now();
  return Promise.all([-60, -30, 0, 30, 60].map((offset) => generate({ secret, epoch: Math.floor((now + offset * 1000) / 1000) })));
}

const isInvalidCode = (answer: Answer) => answer.status === 400 && answer.error === 'invalid_code';

beforeEach(() =>
  overrideConfigForTesting({
    otpMfaIsRequired: false,
    emailMfaIsRequired: false,
    smsMfaIsRequired: false,
    enforceOneMfaEnrollment: [],
    enableUserAppConsent: false,
    emailVerificationMode: 'none',
    devOutbox: true,
    trustedProxyHeader: '',
    redisUrl: undefined,
    // The per-account thresholds at their defaults: the per-request rule is the tighter one.
    mfaCodeVerifyThreshold: 10,
    passwordResetCodeThreshold: 5,
    emailVerificationCodeThreshold: 5,
    changeEmailCodeThreshold: 5,
    accountLockoutThreshold: 5,
  }),
);
afterEach(() => resetConfigForTesting());

async function signedIn() {
  const user = await makeUser();
  const browser = await startFlow();
  await signInWithPassword(browser, { email: user.email!, password: user.password });
  return { user, browser };
}

describe('issue 12 item 3: guessing codes', () => {
  it('issue 12 item 3: 60 concurrent wrong TOTP codes on one request get at most 5 judged answers, the rest 429; the request has ended', async () => {
    overrideConfigForTesting({ otpMfaIsRequired: true });
    const { browser } = await signedIn();
    const secret = (await getOtpView(browser)).setup!.secret;
    const codes = wrongCodes(60, await totpCodesAround(secret));
    const result = await burst(60, (i) => processOtpMfa(post('/identity/v1/process-otp-mfa', { code: codes[i] }, browser)), isInvalidCode);
    expect(result.judged).toBeGreaterThan(0);
    expect(result.judged).toBeLessThanOrEqual(ALLOWED);
    expect(result.others.every((answer) => answer.status === 429 && answer.error === 'too_many_attempts'), JSON.stringify(result.others.slice(0, 3))).toBe(true);
    // Even the right code is refused now: the request ended.
    const right = await answerOf(await processOtpMfa(post('/identity/v1/process-otp-mfa', { code: await generate({ secret }) }, browser)));
    expect(right).toEqual({ status: 429, error: 'too_many_attempts' });
    expect(await db.authorizationCode.count({ where: { appId: browser.app.id } })).toBe(0);
    // The pages send the browser to the auth-code-expired page, which says why.
    expect(await getExpiredRequestView(browser.requestId)).toMatchObject({ reason: 'too_many_attempts' });
    // 60 requests through the whole route on one embedded database: room for a loaded CI machine.
  }, 90_000);

  it('issue 12 item 3: the sixth code on a step is refused even when it is right (sequential guesses)', async () => {
    overrideConfigForTesting({ otpMfaIsRequired: true });
    const { browser } = await signedIn();
    const secret = (await getOtpView(browser)).setup!.secret;
    for (const code of wrongCodes(ALLOWED, await totpCodesAround(secret))) {
      expect(await answerOf(await processOtpMfa(post('/identity/v1/process-otp-mfa', { code }, browser)))).toEqual({ status: 400, error: 'invalid_code' });
    }
    expect(await answerOf(await processOtpMfa(post('/identity/v1/process-otp-mfa', { code: await generate({ secret }) }, browser)))).toEqual({
      status: 429,
      error: 'too_many_attempts',
    });
  });

  it('issue 12 item 3: four wrong codes and then the right one still pass', async () => {
    overrideConfigForTesting({ otpMfaIsRequired: true });
    const { browser } = await signedIn();
    const secret = (await getOtpView(browser)).setup!.secret;
    for (const code of wrongCodes(ALLOWED - 1, await totpCodesAround(secret))) {
      expect((await processOtpMfa(post('/identity/v1/process-otp-mfa', { code }, browser))).status).toBe(400);
    }
    const passed = await processOtpMfa(post('/identity/v1/process-otp-mfa', { code: await generate({ secret }) }, browser));
    expect(passed.status).toBe(200);
    expect((await passed.json()).redirectTo).toContain('code=');
  });

  it('issue 12 item 3: concurrent wrong email MFA codes on one request', async () => {
    overrideConfigForTesting({ emailMfaIsRequired: true });
    const { user, browser } = await signedIn();
    expect((await sendEmailMfa(post('/identity/v1/send-email-mfa', {}, browser))).status).toBe(204);
    const right = await lastCode(user.email!);
    const codes = wrongCodes(20, [right]);
    const result = await burst(20, (i) => processEmailMfa(post('/identity/v1/process-email-mfa', { code: codes[i] }, browser)), isInvalidCode);
    expect(result.judged).toBeLessThanOrEqual(ALLOWED);
    expect(result.others.every((answer) => answer.status === 429)).toBe(true);
    expect((await processEmailMfa(post('/identity/v1/process-email-mfa', { code: right }, browser))).status).toBe(429);
  });

  it('issue 12 item 3: concurrent wrong passwordless codes on one request', async () => {
    overrideConfigForTesting({ enablePasswordlessSignIn: true, enableSignUp: false, enablePasswordSignIn: false, enablePasswordReset: false, emailMfaEmailThreshold: 10 });
    const email = `pl-${randomUUID()}@example.test`;
    const browser = await startFlow();
    expect((await authorizePasswordless(post('/identity/v1/authorize-passwordless', { email }, browser))).status).toBe(200);
    const right = await lastCode(email);
    const codes = wrongCodes(20, [right]);
    const result = await burst(20, (i) => processPasswordlessCode(post('/identity/v1/process-passwordless-code', { code: codes[i] }, browser)), isInvalidCode);
    expect(result.judged).toBeLessThanOrEqual(ALLOWED);
    expect(result.others.every((answer) => answer.status === 429)).toBe(true);
    expect((await processPasswordlessCode(post('/identity/v1/process-passwordless-code', { code: right }, browser))).status).toBe(429);
  });

  it('issue 12 item 3: concurrent wrong email verification codes in the sign-in request', async () => {
    overrideConfigForTesting({ emailVerificationMode: 'strict' });
    const user = await makeUser();
    await db.user.update({ where: { id: user.id }, data: { emailVerified: false, emailVerifiedAt: null } });
    const browser = await startFlow();
    await signInWithPassword(browser, { email: user.email!, password: user.password });
    const right = await lastCode(user.email!);
    const codes = wrongCodes(20, [right]);
    const result = await burst(20, (i) => processVerifyEmail(post('/identity/v1/process-verify-email', { code: codes[i] }, browser)), isInvalidCode);
    expect(result.judged).toBeLessThanOrEqual(ALLOWED);
    expect(result.others.every((answer) => answer.status === 429)).toBe(true);
    expect((await processVerifyEmail(post('/identity/v1/process-verify-email', { code: right }, browser))).status).toBe(429);
  });

  it('issue 12 item 3: concurrent wrong codes on the emailed verification link page', async () => {
    const user = await makeUser();
    await db.user.update({ where: { id: user.id }, data: { emailVerified: false, emailVerifiedAt: null } });
    await sendVerificationEmail(user, { ip: '', locale: 'en' });
    const right = await lastCode(user.email!);
    const codes = wrongCodes(20, [right]);
    const result = await burst(20, (i) => verifyEmailCode(post('/identity/v1/verify-email-code', { id: user.id, code: codes[i] })), isInvalidCode);
    expect(result.judged).toBeLessThanOrEqual(ALLOWED);
    expect(result.others.every((answer) => answer.status === 429)).toBe(true);
    expect((await verifyEmailCode(post('/identity/v1/verify-email-code', { id: user.id, code: right }))).status).toBe(429);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerified).toBe(false);
  });

  it('issue 12 item 3: concurrent wrong password reset codes for one address', async () => {
    const user = await makeUser();
    expect((await resetPasswordCode(post('/identity/v1/reset-password-code', { email: user.email }))).status).toBe(204);
    const right = await vi.waitFor(() => lastCode(user.email!));
    const codes = wrongCodes(20, [right]);
    const body = (code: string) => ({ email: user.email, code, password: 'New-pass-word-12' });
    const result = await burst(20, (i) => resetPasswordRoute(post('/identity/v1/reset-password', body(codes[i]!))), isInvalidCode);
    expect(result.judged).toBeLessThanOrEqual(ALLOWED);
    expect(result.others.every((answer) => answer.status === 429)).toBe(true);
    expect((await resetPasswordRoute(post('/identity/v1/reset-password', body(right)))).status).toBe(429);
  });

  it('issue 12 item 3: concurrent wrong change-email codes on one request', async () => {
    const user = await makeUser();
    const browser = await startFlow({ params: { policy: 'change_email' } });
    await signInWithPassword(browser, { email: user.email!, password: user.password });
    const newEmail = `new-${randomUUID()}@example.test`;
    expect((await policyAction(post('/identity/v1/policy/change-email-code', { email: newEmail }, browser), { params: Promise.resolve({ action: 'change-email-code' }) })).status).toBe(200);
    const right = await lastCode(newEmail);
    const codes = wrongCodes(20, [right]);
    const confirm = (code: string) => policyAction(post('/identity/v1/policy/change-email', { code }, browser), { params: Promise.resolve({ action: 'change-email' }) });
    const result = await burst(20, (i) => confirm(codes[i]!), isInvalidCode);
    expect(result.judged).toBeLessThanOrEqual(ALLOWED);
    expect(result.others.every((answer) => answer.status === 429)).toBe(true);
    expect((await confirm(right)).status).toBe(429);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
  });

  it('issue 12 item 3: concurrent wrong recovery codes on one request', async () => {
    overrideConfigForTesting({ enableRecoveryCode: true, accountLockoutThreshold: 0 });
    const user = await makeUser();
    const recoveryCode = 'ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2';
    await transaction((tx) => replaceRecoveryCode(tx, user.id, recoveryCode));
    const browser = await startFlow();
    const guesses = Array.from({ length: 20 }, (_, i) => `WRONG-GUESS-${i}`);
    const send = (code: string) => authorizeRecoveryCode(post('/identity/v1/authorize-recovery-code', { email: user.email, recoveryCode: code }, browser));
    const result = await burst(20, (i) => send(guesses[i]!), (answer) => answer.status === 401 && answer.error === 'invalid_recovery_code');
    expect(result.judged).toBeLessThanOrEqual(ALLOWED);
    expect(result.others.every((answer) => answer.status === 429)).toBe(true);
    expect((await send(recoveryCode)).status).toBe(429);
  });

  it('issue 12 item 3: IPv6 clients of one /64 share their counters', async () => {
    overrideConfigForTesting({ trustedProxyHeader: 'x-forwarded-for', passwordResetCodeThreshold: 3 });
    const user = await makeUser();
    await resetPasswordCode(post('/identity/v1/reset-password-code', { email: user.email }));
    const right = await vi.waitFor(() => lastCode(user.email!));
    const [first, second, third, fourth] = wrongCodes(4, [right]);
    const from = (code: string, ip: string) =>
      resetPasswordRoute(post('/identity/v1/reset-password', { email: user.email, code, password: 'New-pass-word-12' }, undefined, { 'x-forwarded-for': ip }));
    expect((await from(first!, '2001:db8:aa:bb::1')).status).toBe(400);
    expect((await from(second!, '2001:db8:aa:bb:1:2:3:4')).status).toBe(400);
    expect((await from(third!, '2001:0db8:00aa:00bb:ffff::9')).status).toBe(400);
    // A fourth address of the same /64: over the threshold.
    expect((await from(fourth!, '2001:db8:aa:bb::ffff')).status).toBe(429);
    // Another /64 has its own counter.
    expect((await from(fourth!, '2001:db8:aa:bc::1')).status).toBe(400);
  });
});
