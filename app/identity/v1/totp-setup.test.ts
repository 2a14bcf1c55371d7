// Issue 12 item 4 over HTTP: the key of an authenticator app being set up belongs to the sign-in
// request whose setup page showed it. A second sign-in (an attacker who knows the password, or
// the owner after them) never sees it: reaching setup gives a new key that replaces it, and only
// the request that showed a key can verify a code of it. An admin's "require TOTP" stores no key.
import { generate } from 'otplib';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POST as processOtpMfa } from '@/app/identity/v1/process-otp-mfa/route';
import { enrollOtpMfaRoute } from '@/lib/api/routes/user-account';
import { callApi, s2sToken } from '@/lib/api/testing';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { requestCookieName } from '@/lib/flow';
import { signInWithPassword } from '@/lib/identity/sign-in';
import { getOtpView } from '@/lib/mfa/flow-steps';
import { makeUser } from '@/lib/testing/factories';
import { startFlow, type TestBrowser } from '@/lib/testing/flows';

const BASE = 'http://localhost:3999';

function submitCode(code: string, browser: TestBrowser) {
  return processOtpMfa(
    new NextRequest(`${BASE}/identity/v1/process-otp-mfa`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: BASE, cookie: `${requestCookieName(browser.requestId)}=${browser.bindingSecret}` },
      body: JSON.stringify({ requestId: browser.requestId, code }),
    }),
  );
}

async function signedInAtSetup(user: { email: string | null; password: string }) {
  const browser = await startFlow();
  await signInWithPassword(browser, { email: user.email!, password: user.password });
  const view = await getOtpView(browser);
  expect(view.setup).not.toBeNull();
  return { browser, secret: view.setup!.secret };
}

beforeEach(() =>
  overrideConfigForTesting({
    otpMfaIsRequired: false,
    emailMfaIsRequired: false,
    smsMfaIsRequired: false,
    enforceOneMfaEnrollment: [],
    enableUserAppConsent: false,
    emailVerificationMode: 'none',
  }),
);
afterEach(() => resetConfigForTesting());

describe('issue 12 item 4: TOTP setup key', () => {
  it('issue 12 item 4: a second sign-in reaching setup gets a new key; the first key verifies nowhere', async () => {
    overrideConfigForTesting({ otpMfaIsRequired: true });
    const user = await makeUser();
    const attacker = await signedInAtSetup(user);
    // Reloading its own page shows the same key.
    expect((await getOtpView(attacker.browser)).setup!.secret).toBe(attacker.secret);

    const owner = await signedInAtSetup(user);
    expect(owner.secret).not.toBe(attacker.secret);
    expect((await submitCode(await generate({ secret: attacker.secret }), owner.browser)).status).toBe(400);
    expect((await submitCode(await generate({ secret: attacker.secret }), attacker.browser)).status).toBe(400);
    // The attacker's request cannot verify a code of the owner's key either: it is not its key.
    expect((await submitCode(await generate({ secret: owner.secret }), attacker.browser)).status).toBe(400);
    const passed = await submitCode(await generate({ secret: owner.secret }), owner.browser);
    expect(passed.status).toBe(200);
    // Set up: the attacker's request now asks for a code and shows no key.
    const after = await getOtpView(attacker.browser);
    expect(after).toMatchObject({ redirectTo: null, step: 'otp_mfa', setup: null });
  });

  it("issue 12 item 4: an admin's 'require TOTP' stores no key; each sign-in reaching setup gets its own", async () => {
    const user = await makeUser();
    const token = await s2sToken(['write_user']);
    expect((await callApi(enrollOtpMfaRoute, { token, params: { authId: user.id } })).status).toBe(204);
    expect(await db.totpSecret.count({ where: { userId: user.id } })).toBe(0);
    const first = await signedInAtSetup(user);
    const second = await signedInAtSetup(user);
    expect(second.secret).not.toBe(first.secret);
    expect((await submitCode(await generate({ secret: first.secret }), second.browser)).status).toBe(400);
  });
});
