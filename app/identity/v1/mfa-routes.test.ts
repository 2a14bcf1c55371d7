// The MFA endpoints over HTTP (route handlers, no server): the JSON exchange, the binding cookie,
// the remember-device cookie and the redirect hop that spends it.
import { generate } from 'otplib';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POST as appConsent } from '@/app/identity/v1/app-consent/route';
import { GET as mfaRemembered } from '@/app/identity/v1/mfa-remembered/route';
import { POST as processMfaEnroll } from '@/app/identity/v1/process-mfa-enroll/route';
import { POST as processOtpMfa } from '@/app/identity/v1/process-otp-mfa/route';
import { POST as sendEmailMfa } from '@/app/identity/v1/send-email-mfa/route';
import { POST as setupSmsMfa } from '@/app/identity/v1/setup-sms-mfa/route';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { signInWithPassword } from '@/lib/identity/sign-in';
import { requestCookieName } from '@/lib/flow';
import { getOtpView } from '@/lib/mfa/flow-steps';
import { makeUser } from '@/lib/testing/factories';
import { startFlow, type TestBrowser } from '@/lib/testing/flows';

const BASE = 'http://localhost:3999';

function cookieHeader(browser: TestBrowser, extra: string[] = []) {
  return [`${requestCookieName(browser.requestId)}=${browser.bindingSecret}`, ...extra].join('; ');
}

function post(path: string, body: Record<string, unknown>, browser: TestBrowser) {
  return new NextRequest(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: BASE, cookie: cookieHeader(browser) },
    body: JSON.stringify({ requestId: browser.requestId, ...body }),
  });
}

async function signedIn() {
  const user = await makeUser();
  const browser = await startFlow();
  await signInWithPassword(browser, { email: user.email!, password: user.password });
  return { user, browser };
}

beforeEach(() =>
  overrideConfigForTesting({
    otpMfaIsRequired: true,
    emailMfaIsRequired: false,
    smsMfaIsRequired: false,
    enforceOneMfaEnrollment: [],
    enableMfaRememberDevice: true,
    enableUserAppConsent: true,
    emailVerificationMode: 'none',
    devOutbox: true,
  }),
);
afterEach(() => resetConfigForTesting());

describe('MFA endpoints', () => {
  it('a later step (consent) or another factor answers 409 wrong_step while TOTP is pending', async () => {
    const { browser, user } = await signedIn();
    const consent = await appConsent(post('/identity/v1/app-consent', { decision: 'allow' }, browser));
    expect(consent.status).toBe(409);
    expect(await consent.json()).toMatchObject({ error: 'wrong_step' });
    const enroll = await processMfaEnroll(post('/identity/v1/process-mfa-enroll', { type: 'email' }, browser));
    expect(enroll.status).toBe(409);
    expect((await sendEmailMfa(post('/identity/v1/send-email-mfa', {}, browser))).status).toBe(409);
    expect(await db.authorizationCode.count({ where: { userId: user.id } })).toBe(0);
  });

  it('setup-sms-mfa refuses a number that is not E.164 on the field', async () => {
    overrideConfigForTesting({ otpMfaIsRequired: false, smsMfaIsRequired: true });
    const { browser } = await signedIn();
    const response = await setupSmsMfa(post('/identity/v1/setup-sms-mfa', { phoneNumber: '0612345678' }, browser));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ fields: { phoneNumber: 'invalid_phone_number' } });
    expect((await setupSmsMfa(post('/identity/v1/setup-sms-mfa', { phoneNumber: '+33612345678' }, browser))).status).toBe(204);
  });

  it('process-otp-mfa with rememberDevice sets the HttpOnly cookie; mfa-remembered spends it on the next sign-in', async () => {
    const { browser, user } = await signedIn();
    const secret = (await getOtpView(browser)).setup!.secret;
    const passed = await processOtpMfa(post('/identity/v1/process-otp-mfa', { code: await generate({ secret }), rememberDevice: true }, browser));
    expect(passed.status).toBe(200);
    expect((await passed.json()).redirectTo).toContain('code=');
    const setCookie = passed.headers.getSetCookie().find((cookie) => cookie.startsWith('tessera_mfa_otp='))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Path=\/identity\/v1/);
    const remembered = setCookie.split(';')[0]!;

    const next = await startFlow({ app: browser.app });
    await signInWithPassword(next, { email: user.email!, password: user.password });
    const hop = (cookies: string[]) =>
      mfaRemembered(new NextRequest(`${BASE}/identity/v1/mfa-remembered?request=${next.requestId}`, { headers: { cookie: cookieHeader(next, cookies) } }));
    const without = await hop([]);
    expect(without.status).toBe(303);
    expect(without.headers.get('location')).toContain('/identity/v1/error?code=wrong_step');
    const spent = await hop([remembered]);
    expect(spent.status).toBe(303);
    expect(new URL(spent.headers.get('location')!).searchParams.get('code')).toBeTruthy();
  });
});
