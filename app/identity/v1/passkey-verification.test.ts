// Issue 12 item 14 over HTTP: a passkey signs a user in without a password, and stands for MFA,
// only when the authenticator verified the user (UV flag: PIN, biometrics). A mere touch of a
// stolen security key (user presence only) signs nobody in.
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POST as passkeyOptions } from '@/app/identity/v1/authorize-passkey-options/route';
import { POST as passkeyVerify } from '@/app/identity/v1/authorize-passkey-verify/route';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { requestCookieName } from '@/lib/flow';
import { registrationOptions, verifyRegistration } from '@/lib/passkeys/webauthn';
import { makeUser } from '@/lib/testing/factories';
import { startFlow, type TestBrowser } from '@/lib/testing/flows';
import { SoftAuthenticator } from '@/lib/testing/webauthn';

const BASE = 'http://localhost:3999';

function post(path: string, body: Record<string, unknown>, browser: TestBrowser) {
  return new NextRequest(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: BASE, cookie: `${requestCookieName(browser.requestId)}=${browser.bindingSecret}` },
    body: JSON.stringify({ requestId: browser.requestId, ...body }),
  });
}

beforeEach(() =>
  overrideConfigForTesting({
    allowPasskeyEnrollment: true,
    enableUserAppConsent: false,
    emailVerificationMode: 'none',
    otpMfaIsRequired: true,
    emailMfaIsRequired: false,
    smsMfaIsRequired: false,
    enforceOneMfaEnrollment: [],
  }),
);
afterEach(() => resetConfigForTesting());

async function userWithPasskey() {
  const user = await makeUser();
  const authenticator = new SoftAuthenticator();
  const verified = await verifyRegistration(user.id, authenticator.register(await registrationOptions(user)));
  await db.passkey.create({
    data: { userId: user.id, credentialId: verified.credentialId, publicKey: Buffer.from(verified.publicKey), counter: BigInt(verified.counter), name: 'Key' },
  });
  return { user, authenticator };
}

async function signInWith(authenticator: SoftAuthenticator, userVerified: boolean) {
  const browser = await startFlow();
  const optionsResponse = await passkeyOptions(post('/identity/v1/authorize-passkey-options', {}, browser));
  const { options } = (await optionsResponse.json()) as { options: Parameters<SoftAuthenticator['authenticate']>[0] };
  const response = await passkeyVerify(post('/identity/v1/authorize-passkey-verify', { passkeyInfo: authenticator.authenticate(options, { userVerified }) }, browser));
  return { browser, options, response, body: (await response.json()) as { redirectTo?: string; error?: string } };
}

describe('issue 12 item 14: passkeys', () => {
  it('issue 12 item 14: the sign-in options ask the authenticator to verify the user', async () => {
    const { authenticator } = await userWithPasskey();
    const { options } = await signInWith(authenticator, true);
    expect(options.userVerification).toBe('required');
  });

  it('issue 12 item 14: an assertion without user verification signs nobody in and passes no MFA', async () => {
    const { user, authenticator } = await userWithPasskey();
    const { browser, response, body } = await signInWith(authenticator, false);
    expect(response.status).toBe(400);
    expect(body.error).toBe('passkey_invalid');
    const row = await db.authorizationRequest.findUniqueOrThrow({ where: { id: browser.requestId } });
    expect(row.userId).toBeNull();
    expect(row.completedSteps).not.toContain('mfa_satisfied');
    expect(await db.ssoSession.count({ where: { userId: user.id } })).toBe(0);
  });

  it('issue 12 item 14: a verified passkey signs in and stands for MFA (amr hwk + user)', async () => {
    const { authenticator } = await userWithPasskey();
    const { browser, response, body } = await signInWith(authenticator, true);
    expect(response.status).toBe(200);
    // TOTP is required of everyone, yet the verified passkey satisfied MFA: the code comes back.
    expect(body.redirectTo).toContain('code=');
    const code = await db.authorizationCode.findFirstOrThrow({ where: { appId: browser.app.id } });
    expect(code.amr).toEqual(expect.arrayContaining(['hwk', 'user']));
  });
});
