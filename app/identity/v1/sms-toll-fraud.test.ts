// Issue 12 item 10 over HTTP, SMS toll fraud: an attacker signs up accounts and has the SMS MFA
// step text premium numbers. SMS go only to SMS_ALLOWED_COUNTRY_CODES, at most
// SMS_NUMBER_THRESHOLD per number and SMS_ACCOUNT_THRESHOLD per account per day and
// SMS_HOURLY_THRESHOLD per hour for the deployment, and never for an account whose address is
// unverified. The SMS land in the dev outbox (the fake provider of the tests).
import { randomInt } from 'node:crypto';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POST as authorizePassword } from '@/app/identity/v1/authorize-password/route';
import { POST as setupSmsMfa } from '@/app/identity/v1/setup-sms-mfa/route';
import { POST as skipVerifyEmail } from '@/app/identity/v1/skip-verify-email/route';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { listOutbox } from '@/lib/dev-outbox';
import { requestCookieName } from '@/lib/flow';
import { clear } from '@/lib/rate-limit';
import { makeUser } from '@/lib/testing/factories';
import { startFlow, type TestBrowser } from '@/lib/testing/flows';

const BASE = 'http://localhost:3999';

function post(path: string, body: Record<string, unknown>, browser: TestBrowser) {
  return new NextRequest(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: BASE, cookie: `${requestCookieName(browser.requestId)}=${browser.bindingSecret}` },
    body: JSON.stringify({ requestId: browser.requestId, ...body }),
  });
}

/** A number of its own for each test (+1 555 01xx xxxx). */
const aNumber = (prefix = '+1555') => `${prefix}${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;

/** A user signed in over HTTP, at the SMS step (no verified number yet). */
async function atSmsStep(options: { verified?: boolean } = {}) {
  const user = await makeUser();
  if (options.verified === false) await db.user.update({ where: { id: user.id }, data: { emailVerified: false } });
  const browser = await startFlow();
  const signedIn = await authorizePassword(post('/identity/v1/authorize-password', { email: user.email, password: user.password }, browser));
  let next = new URL(((await signedIn.json()) as { redirectTo: string }).redirectTo);
  if (next.pathname === '/identity/v1/verify-email') next = new URL(((await (await skipVerifyEmail(post('/identity/v1/skip-verify-email', {}, browser))).json()) as { redirectTo: string }).redirectTo);
  expect(next.pathname).toBe('/identity/v1/sms-mfa');
  return { user, browser };
}

async function texted(to: string) {
  return (await listOutbox({ to, channel: 'sms' })).length;
}

async function setUp(browser: TestBrowser, phoneNumber: string) {
  const response = await setupSmsMfa(post('/identity/v1/setup-sms-mfa', { phoneNumber }, browser));
  const body = response.status === 204 ? {} : ((await response.json()) as { error?: string });
  return { status: response.status, error: body.error };
}

beforeEach(async () => {
  overrideConfigForTesting({
    enableUserAppConsent: false,
    emailVerificationMode: 'none',
    otpMfaIsRequired: false,
    emailMfaIsRequired: false,
    smsMfaIsRequired: true,
    enforceOneMfaEnrollment: [],
    smsMfaMessageThreshold: 100,
    mfaCodeVerifyThreshold: 100,
    ipSendThreshold: 0,
    smsNumberThreshold: 10,
    smsAccountThreshold: 10,
    smsHourlyThreshold: 100_000,
    smsAllowedCountryCodes: [],
  });
  await clear('sms_deployment', { id: 'all' });
});
afterEach(() => resetConfigForTesting());

describe('issue 12 item 10: SMS toll fraud', () => {
  it('issue 12 item 10: an account whose email is unverified gets no SMS to a number it sets up', async () => {
    overrideConfigForTesting({ emailVerificationMode: 'lazy' });
    const { browser } = await atSmsStep({ verified: false });
    const number = aNumber();
    expect(await setUp(browser, number)).toEqual({ status: 403, error: 'sms_needs_verified_email' });
    expect(await texted(number)).toBe(0);
  });

  it('issue 12 item 10: SMS_ALLOWED_COUNTRY_CODES refuses other countries', async () => {
    overrideConfigForTesting({ smsAllowedCountryCodes: ['1', '44'] });
    const { browser } = await atSmsStep();
    const premium = aNumber('+882');
    expect(await setUp(browser, premium)).toEqual({ status: 400, error: 'sms_country_not_allowed' });
    expect(await texted(premium)).toBe(0);
    const allowed = aNumber('+4420');
    expect(await setUp(browser, allowed)).toEqual({ status: 204, error: undefined });
    expect(await texted(allowed)).toBe(1);
  });

  it('issue 12 item 10: at most SMS_NUMBER_THRESHOLD SMS to one number, from any number of accounts', async () => {
    overrideConfigForTesting({ smsNumberThreshold: 2 });
    const premium = aNumber();
    for (let i = 0; i < 2; i += 1) expect((await setUp((await atSmsStep()).browser, premium)).status).toBe(204);
    expect(await setUp((await atSmsStep()).browser, premium)).toEqual({ status: 429, error: 'too_many_requests' });
    expect(await texted(premium)).toBe(2);
  });

  it('issue 12 item 10: at most SMS_ACCOUNT_THRESHOLD SMS per account, to any numbers', async () => {
    overrideConfigForTesting({ smsAccountThreshold: 3 });
    const { browser } = await atSmsStep();
    const numbers = [aNumber(), aNumber(), aNumber(), aNumber()];
    for (const number of numbers.slice(0, 3)) expect((await setUp(browser, number)).status).toBe(204);
    expect(await setUp(browser, numbers[3]!)).toEqual({ status: 429, error: 'too_many_requests' });
    expect(await texted(numbers[3]!)).toBe(0);
  });

  it('issue 12 item 10: at most SMS_HOURLY_THRESHOLD SMS per hour across the deployment', async () => {
    overrideConfigForTesting({ smsHourlyThreshold: 2 });
    const numbers = [aNumber(), aNumber(), aNumber()];
    expect((await setUp((await atSmsStep()).browser, numbers[0]!)).status).toBe(204);
    expect((await setUp((await atSmsStep()).browser, numbers[1]!)).status).toBe(204);
    expect(await setUp((await atSmsStep()).browser, numbers[2]!)).toEqual({ status: 429, error: 'too_many_requests' });
    expect(await texted(numbers[2]!)).toBe(0);
  });
});
