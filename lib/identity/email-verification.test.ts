import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { lastCode, lastEmail, pathOf, ssoTokenOf, startFlow } from '@/lib/testing/flows';
import { ensureSeeded, makeSpaApp } from '@/lib/testing/factories';
import { createUser } from '@/lib/users/service';
import { emailVerificationRequirement, verifyEmailWithLink } from './email-verification';
import { signInWithPassword } from './sign-in';
import { startAuthorization } from '@/lib/sign-in/start';
import { authorizeParams, makePkce } from '@/lib/testing/factories';
import { confirmEmailInFlow, getVerifyEmailView, resendVerificationCodeInFlow, skipEmailVerification } from './verify-email-step';

const PASSWORD = 'Verify-me-1!';
const DAY = 86_400_000;

beforeEach(() =>
  overrideConfigForTesting({ emailVerificationMode: 'lazy', emailVerificationGracePeriod: 604800, emailVerificationCodeThreshold: 5, emailVerificationEmailThreshold: 5 }),
);
afterEach(() => resetConfigForTesting());

async function unverifiedUser(createdDaysAgo = 0) {
  await ensureSeeded();
  const user = await createUser({ email: `verify-${randomUUID()}@example.test`, password: PASSWORD, firstName: 'Vera' });
  if (createdDaysAgo) await db.user.update({ where: { id: user.id }, data: { createdAt: new Date(Date.now() - createdDaysAgo * DAY) } });
  return { ...user, email: user.email! };
}

async function signIn(user: { email: string }, ip = '') {
  const browser = await startFlow({ ip });
  const outcome = await signInWithPassword(browser, { email: user.email, password: PASSWORD });
  return { browser, outcome };
}

const isCallback = (location: string) => new URL(location).searchParams.has('code');

describe('the rule', () => {
  const user = { id: 'u', email: 'a@b.test', emailVerified: false, createdAt: new Date(), authProvider: 'local' };

  it('none never asks; verified, external and address-less accounts are never asked', () => {
    overrideConfigForTesting({ emailVerificationMode: 'none' });
    expect(emailVerificationRequirement(user)).toBe('none');
    overrideConfigForTesting({ emailVerificationMode: 'strict' });
    expect(emailVerificationRequirement({ ...user, emailVerified: true })).toBe('none');
    expect(emailVerificationRequirement({ ...user, authProvider: 'google' })).toBe('none');
    expect(emailVerificationRequirement({ ...user, email: null })).toBe('none');
  });

  it('lazy is optional during the grace period after creation, then required; strict is always required', () => {
    expect(emailVerificationRequirement(user)).toBe('optional');
    expect(emailVerificationRequirement({ ...user, createdAt: new Date(Date.now() - 8 * DAY) })).toBe('required');
    overrideConfigForTesting({ emailVerificationGracePeriod: 0 });
    expect(emailVerificationRequirement(user)).toBe('required');
    overrideConfigForTesting({ emailVerificationMode: 'strict', emailVerificationGracePeriod: 604800 });
    expect(emailVerificationRequirement(user)).toBe('required');
  });
});

describe('the verify_email step', () => {
  it('none: an unverified account signs in without the step', async () => {
    overrideConfigForTesting({ emailVerificationMode: 'none' });
    const { outcome } = await signIn(await unverifiedUser(30));
    expect(isCallback(outcome.location)).toBe(true);
  });

  it('lazy, in the grace period: asked, may skip once per request, nothing emailed unasked', async () => {
    const user = await unverifiedUser();
    const { browser, outcome } = await signIn(user);
    expect(pathOf(outcome)).toBe('/identity/v1/verify-email');
    expect(await lastEmail(user.email)).toBeUndefined();
    expect(await getVerifyEmailView(browser)).toMatchObject({ redirectTo: null, email: user.email, skippable: true, codeSent: false });
    const skipped = await skipEmailVerification(browser);
    expect(isCallback(skipped.location)).toBe(true);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerified).toBe(false);
    // The next sign-in asks again.
    expect(pathOf((await signIn(user)).outcome)).toBe('/identity/v1/verify-email');
  });

  it('lazy after the grace period: required, the code is emailed on sign-in, "later" is refused', async () => {
    const user = await unverifiedUser(8);
    const { browser, outcome } = await signIn(user);
    expect(pathOf(outcome)).toBe('/identity/v1/verify-email');
    expect(await getVerifyEmailView(browser)).toMatchObject({ skippable: false, codeSent: true });
    await expect(skipEmailVerification(browser)).rejects.toMatchObject({ code: 'email_verification_required', status: 403 });
    const done = await confirmEmailInFlow(browser, await lastCode(user.email));
    expect(isCallback(done.location)).toBe(true);
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.emailVerified).toBe(true);
    expect(stored.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await db.auditEvent.count({ where: { action: 'user.email_verified', targetId: user.id } })).toBe(1);
  });

  it('strict: required before any code is issued, also when an SSO session is reused by another app', async () => {
    overrideConfigForTesting({ emailVerificationMode: 'strict' });
    const user = await unverifiedUser();
    const { browser, outcome } = await signIn(user);
    expect(pathOf(outcome)).toBe('/identity/v1/verify-email');
    await expect(skipEmailVerification(browser)).rejects.toMatchObject({ code: 'email_verification_required' });

    const other = await makeSpaApp({ skipConsent: true });
    const again = await startAuthorization(authorizeParams(other, makePkce()), { ssoToken: ssoTokenOf(outcome) });
    expect(pathOf(again)).toBe('/identity/v1/verify-email');
    // prompt=none cannot show the page: interaction_required goes back to the client.
    const silent = await startAuthorization(authorizeParams(other, makePkce(), { prompt: 'none' }), { ssoToken: ssoTokenOf(outcome) });
    expect(new URL(silent.location).searchParams.get('error')).toBe('interaction_required');
  });

  it('a code works once; wrong codes fail with invalid_code and are limited per account + IP', async () => {
    overrideConfigForTesting({ emailVerificationMode: 'strict', emailVerificationCodeThreshold: 3 });
    const user = await unverifiedUser();
    const { browser } = await signIn(user, '198.51.100.7');
    const code = await lastCode(user.email);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 3; i += 1) await expect(confirmEmailInFlow(browser, wrong)).rejects.toMatchObject({ code: 'invalid_code', fields: { code: 'invalid_code' } });
    // Threshold reached: even the right code waits (429) from this IP…
    await expect(confirmEmailInFlow(browser, code)).rejects.toMatchObject({ code: 'too_many_requests', status: 429 });
    // …not from another one.
    const done = await confirmEmailInFlow({ ...browser, ip: '198.51.100.8' }, code);
    expect(isCallback(done.location)).toBe(true);
    // Verified: the link page has nothing left to check, whatever is typed.
    expect(await verifyEmailWithLink({ userId: user.id, code: wrong, ip: '198.51.100.9' })).toEqual({ alreadyVerified: true });
  });

  it('resend replaces the code and is limited by EMAIL_VERIFICATION_EMAIL_THRESHOLD', async () => {
    overrideConfigForTesting({ emailVerificationEmailThreshold: 2 });
    const user = await unverifiedUser(8);
    const { browser } = await signIn(user); // required: the first code is emailed on sign-in
    const first = await lastCode(user.email);
    await resendVerificationCodeInFlow(browser);
    const second = await lastCode(user.email);
    await expect(resendVerificationCodeInFlow(browser)).rejects.toMatchObject({ code: 'too_many_requests' });
    if (first !== second) await expect(confirmEmailInFlow(browser, first)).rejects.toMatchObject({ code: 'invalid_code' });
    expect(isCallback((await confirmEmailInFlow(browser, second)).location)).toBe(true);
  });
});

describe('the emailed link page (/identity/v1/verify-email?id=…)', () => {
  it('verifies with the code from the email, without a sign-in request; a second click is fine', async () => {
    const user = await unverifiedUser(8);
    const { browser } = await signIn(user);
    const code = await lastCode(user.email);
    // Opened in the browser of the waiting request (its cookie goes along): that request goes on.
    const bound = [{ requestId: browser.requestId, bindingSecret: browser.bindingSecret! }];
    expect(await verifyEmailWithLink({ userId: user.id, code, ip: '', bound })).toEqual({ alreadyVerified: false });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerified).toBe(true);
    expect(await verifyEmailWithLink({ userId: user.id, code, ip: '' })).toEqual({ alreadyVerified: true });
    // The request waiting at the step has nothing left: its page offers "continue", which finishes it.
    expect(await getVerifyEmailView(browser)).toMatchObject({ verified: true, redirectTo: null });
    expect(isCallback((await confirmEmailInFlow(browser, undefined)).location)).toBe(true);
  });

  it('fails like a wrong code for an unknown account, and for a code sent to an address the account no longer has', async () => {
    await expect(verifyEmailWithLink({ userId: randomUUID(), code: '123456', ip: '' })).rejects.toMatchObject({ code: 'invalid_code' });
    const user = await unverifiedUser(8);
    await signIn(user);
    const code = await lastCode(user.email);
    await db.user.update({ where: { id: user.id }, data: { email: `moved-${randomUUID()}@example.test` } });
    await expect(verifyEmailWithLink({ userId: user.id, code, ip: '' })).rejects.toMatchObject({ code: 'invalid_code' });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerified).toBe(false);
  });
});
