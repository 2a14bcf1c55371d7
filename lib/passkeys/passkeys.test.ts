import { decodeJwt } from 'jose';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POST as policyAction } from '@/app/identity/v1/policy/[action]/route';
import { overrideConfigForTesting, resetConfigForTesting, type Config } from '@/lib/config';
import { db } from '@/lib/db';
import { requestCookieName } from '@/lib/flow';
import { signInWithPassword } from '@/lib/identity/sign-in';
import { startAuthorization } from '@/lib/sign-in/start';
import { type FlowOutcome } from '@/lib/flow';
import { leavePolicy } from '@/lib/identity/policies/leave';
import { handleTokenRequest } from '@/lib/oauth/token-endpoint';
import { confirmRecoveryCodeEnrollment, recoveryCodeEnrollView, regenerateRecoveryCode, signInWithRecoveryCode } from '@/lib/recovery-codes/flow';
import { hashRecoveryCode } from '@/lib/recovery-codes/service';
import { authorizeParams, makePkce, makeSpaApp, makeUser } from '@/lib/testing/factories';
import { pathOf, ssoTokenOf, startFlow, type TestBrowser } from '@/lib/testing/flows';
import { SoftAuthenticator } from '@/lib/testing/webauthn';
import {
  addPasskey,
  declinePasskeyEnrollment,
  enrollPasskey,
  passkeyEnrollOptions,
  passkeySignInOptions,
  removePasskey,
  renamePasskey,
  signInWithPasskey,
} from './flow';
import { listUserPasskeys } from './service';
import { authenticationOptions, registrationOptions, verifyAuthentication, verifyRegistration } from './webauthn';
import { signInMachine } from '@/lib/sign-in/machine';

const SETTINGS: Partial<Config> = {
  allowPasskeyEnrollment: true,
  enableRecoveryCode: true,
  enableUserAppConsent: false,
  emailVerificationMode: 'none',
  otpMfaIsRequired: false,
  emailMfaIsRequired: false,
  smsMfaIsRequired: false,
  enforceOneMfaEnrollment: [],
  accountLockoutThreshold: 5,
};

beforeEach(() => overrideConfigForTesting(SETTINGS));
afterEach(() => resetConfigForTesting());

type User = Awaited<ReturnType<typeof makeUser>>;

const isCallback = (outcome: FlowOutcome) => new URL(outcome.location).searchParams.has('code');

async function passwordSignIn(user: User, params?: Record<string, string>) {
  const browser = await startFlow({ params });
  const outcome = await signInWithPassword(browser, { email: user.email!, password: user.password });
  return { browser, outcome };
}

/** A user with one passkey on `authenticator`, registered directly (no flow). */
async function userWithPasskey(authenticator = new SoftAuthenticator()) {
  const user = await makeUser();
  const options = await registrationOptions(user);
  const verified = await verifyRegistration(user.id, authenticator.register(options));
  await db.passkey.create({
    data: { userId: user.id, credentialId: verified.credentialId, publicKey: Buffer.from(verified.publicKey), counter: BigInt(verified.counter), name: 'Laptop' },
  });
  return { user, authenticator };
}

async function enrollRecoveryCode(browser: TestBrowser): Promise<{ code: string; outcome: FlowOutcome }> {
  const view = await recoveryCodeEnrollView(browser);
  expect(view.redirectTo).toBeNull();
  return { code: view.recoveryCode, outcome: await confirmRecoveryCodeEnrollment(browser) };
}

describe('WebAuthn ceremonies', () => {
  it('registers a passkey and signs in with it; the counter is stored', async () => {
    const { user, authenticator } = await userWithPasskey();
    const assertion = authenticator.authenticate(await authenticationOptions(), { counter: 7 });
    const verified = await verifyAuthentication(assertion);
    expect(verified.passkey.userId).toBe(user.id);
    expect(verified.newCounter).toBe(7);
  });

  it('uses a challenge once: the same registration or assertion presented again is refused', async () => {
    const user = await makeUser();
    const authenticator = new SoftAuthenticator();
    const registration = authenticator.register(await registrationOptions(user));
    await verifyRegistration(user.id, registration);
    await expect(verifyRegistration(user.id, registration)).rejects.toMatchObject({ code: 'passkey_invalid' });

    const { authenticator: signer } = await userWithPasskey();
    const assertion = signer.authenticate(await authenticationOptions());
    await verifyAuthentication(assertion);
    await expect(verifyAuthentication(assertion)).rejects.toMatchObject({ code: 'passkey_invalid' });
    expect(await db.passkeyChallenge.count({ where: { challenge: JSON.parse(Buffer.from(assertion.response.clientDataJSON, 'base64url').toString()).challenge } })).toBe(0);
  });

  it('binds an enrollment challenge to its user', async () => {
    const [alice, bob] = [await makeUser(), await makeUser()];
    const registration = new SoftAuthenticator().register(await registrationOptions(alice));
    await expect(verifyRegistration(bob.id, registration)).rejects.toMatchObject({ code: 'passkey_invalid' });
  });

  it('refuses an expired challenge', async () => {
    const { authenticator } = await userWithPasskey();
    const options = await authenticationOptions();
    await db.passkeyChallenge.update({ where: { challenge: options.challenge }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(verifyAuthentication(authenticator.authenticate(options))).rejects.toMatchObject({ code: 'passkey_invalid' });
  });

  it('refuses a wrong origin and a wrong RP ID, and accepts EMBEDDED_AUTH_ORIGINS', async () => {
    const user = await makeUser();
    const authenticator = new SoftAuthenticator();
    await expect(verifyRegistration(user.id, authenticator.register(await registrationOptions(user), { origin: 'https://evil.example' }))).rejects.toMatchObject({
      code: 'passkey_invalid',
    });
    await expect(verifyRegistration(user.id, authenticator.register(await registrationOptions(user), { rpId: 'evil.example' }))).rejects.toMatchObject({
      code: 'passkey_invalid',
    });

    const { authenticator: signer } = await userWithPasskey();
    await expect(verifyAuthentication(signer.authenticate(await authenticationOptions(), { origin: 'https://app.example' }))).rejects.toMatchObject({
      code: 'passkey_invalid',
    });
    await expect(verifyAuthentication(signer.authenticate(await authenticationOptions(), { rpId: 'example.com' }))).rejects.toMatchObject({ code: 'passkey_invalid' });
    overrideConfigForTesting({ ...SETTINGS, embeddedAuthOrigins: ['https://app.example'] });
    await expect(verifyAuthentication(signer.authenticate(await authenticationOptions(), { origin: 'https://app.example' }))).resolves.toBeTruthy();
  });

  it('refuses a counter that does not grow (a cloned authenticator)', async () => {
    const { user, authenticator } = await userWithPasskey();
    const browser = await startFlow();
    await signInWithPasskey(browser, authenticator.authenticate(await passkeySignInOptions(browser), { counter: 5 }));
    expect((await db.passkey.findFirstOrThrow({ where: { userId: user.id } })).counter).toBe(5n);

    for (const counter of [5, 3]) {
      const next = await startFlow();
      await expect(signInWithPasskey(next, authenticator.authenticate(await passkeySignInOptions(next), { counter }))).rejects.toMatchObject({ code: 'passkey_invalid' });
    }
    expect((await db.passkey.findFirstOrThrow({ where: { userId: user.id } })).counter).toBe(5n);
  });
});

describe('passkey sign-in', () => {
  it('signs in without password or MFA and returns to the app with hwk in amr', async () => {
    overrideConfigForTesting({ ...SETTINGS, otpMfaIsRequired: true });
    const { user, authenticator } = await userWithPasskey();
    const app = await makeSpaApp({ skipConsent: true });
    const pkce = makePkce();
    const params = authorizeParams(app, pkce);
    const started = await startAuthorization(params, {});
    const requestId = new URL(started.location).searchParams.get('request')!;
    const browser = { machine: signInMachine, requestId, bindingSecret: started.cookies.find((cookie) => cookie.name.includes(requestId))?.value, userAgent: 'vitest', ip: '' };

    const outcome = await signInWithPasskey(browser, authenticator.authenticate(await passkeySignInOptions(browser)));
    expect(isCallback(outcome)).toBe(true);
    expect(ssoTokenOf(outcome)).toBeTruthy();
    const code = new URL(outcome.location).searchParams.get('code')!;
    const tokens = await handleTokenRequest(
      new URLSearchParams({ grant_type: 'authorization_code', code, client_id: app.clientId, redirect_uri: app.redirectUri, code_verifier: pkce.verifier }),
      null,
    );
    expect(decodeJwt(tokens.id_token!).sub).toBe(user.id);
    const stored = await db.passkey.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.lastUsedAt).not.toBeNull();
    expect(await db.signInLog.findMany({ where: { userId: user.id }, select: { method: true, success: true } })).toEqual([{ method: 'passkey', success: true }]);
  });

  it('refuses an unknown credential, a disabled account and a request past sign-in', async () => {
    const browser = await startFlow();
    await expect(signInWithPasskey(browser, new SoftAuthenticator().authenticate(await passkeySignInOptions(browser)))).rejects.toMatchObject({ code: 'passkey_invalid' });

    const { user, authenticator } = await userWithPasskey();
    await db.user.update({ where: { id: user.id }, data: { isActive: false } });
    const other = await startFlow();
    await expect(signInWithPasskey(other, authenticator.authenticate(await passkeySignInOptions(other)))).rejects.toMatchObject({ code: 'account_disabled' });

    const signedIn = await makeUser();
    const { browser: past } = await passwordSignIn(signedIn);
    await expect(passkeySignInOptions(past)).rejects.toMatchObject({ code: 'wrong_step' });
  });

  it('is refused while ALLOW_PASSKEY_ENROLLMENT is off', async () => {
    overrideConfigForTesting({ ...SETTINGS, allowPasskeyEnrollment: false });
    const browser = await startFlow();
    await expect(passkeySignInOptions(browser)).rejects.toMatchObject({ code: 'passkeys_disabled' });
  });
});

describe('enrollment steps after sign-in', () => {
  it('issues no code before passkey and recovery-code enrollment are done or skipped', async () => {
    const user = await makeUser();
    const { browser, outcome } = await passwordSignIn(user);
    expect(pathOf(outcome)).toBe('/identity/v1/passkey-enroll');
    expect(await db.authorizationCode.count({ where: { userId: user.id } })).toBe(0);
    // A later step's endpoint cannot skip this one.
    await expect(confirmRecoveryCodeEnrollment(browser)).rejects.toMatchObject({ code: 'wrong_step' });
    await expect(leavePolicy(browser)).rejects.toMatchObject({ code: 'wrong_step' });

    const authenticator = new SoftAuthenticator();
    const enrolled = await enrollPasskey(browser, { credential: authenticator.register(await passkeyEnrollOptions(browser)), name: ' Work laptop ' });
    expect(pathOf(enrolled)).toBe('/identity/v1/recovery-code-enroll');
    expect(await db.authorizationCode.count({ where: { userId: user.id } })).toBe(0);
    expect((await listUserPasskeys(user.id)).map((passkey) => passkey.name)).toEqual(['Work laptop']);

    const { outcome: done } = await enrollRecoveryCode(browser);
    expect(isCallback(done)).toBe(true);
    expect(await db.authorizationCode.count({ where: { userId: user.id } })).toBe(1);

    // The next sign-in asks for neither.
    expect(isCallback((await passwordSignIn(user)).outcome)).toBe(true);
  });

  it('"Not now" asks again next time; "Don\'t ask again" does not', async () => {
    overrideConfigForTesting({ ...SETTINGS, enableRecoveryCode: false });
    const user = await makeUser();
    const first = await passwordSignIn(user);
    expect(isCallback(await declinePasskeyEnrollment(first.browser, false))).toBe(true);

    const second = await passwordSignIn(user);
    expect(pathOf(second.outcome)).toBe('/identity/v1/passkey-enroll');
    expect(isCallback(await declinePasskeyEnrollment(second.browser, true))).toBe(true);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).skipPasskeyEnroll).toBe(true);

    expect(isCallback((await passwordSignIn(user)).outcome)).toBe(true);
  });

  it('does not ask on a reused SSO session, nor when both features are off', async () => {
    const user = await makeUser();
    const { outcome } = await passwordSignIn(user);
    expect(pathOf(outcome)).toBe('/identity/v1/passkey-enroll');
    const app = await makeSpaApp({ skipConsent: true });
    const reused = await startAuthorization(authorizeParams(app, makePkce()), { ssoToken: ssoTokenOf(outcome) });
    expect(new URL(reused.location).searchParams.has('code')).toBe(true);

    overrideConfigForTesting({ ...SETTINGS, allowPasskeyEnrollment: false, enableRecoveryCode: false });
    expect(isCallback((await passwordSignIn(await makeUser())).outcome)).toBe(true);
  });
});

describe('manage_passkey', () => {
  it('adds a second passkey, lists both, deletes one, and returns to the app', async () => {
    const { user } = await userWithPasskey();
    await db.user.update({ where: { id: user.id }, data: { skipPasskeyEnroll: true } });
    const { browser, outcome } = await passwordSignIn(user, { policy: 'manage_passkey' });
    expect(pathOf(outcome)).toBe('/identity/v1/recovery-code-enroll');
    await enrollRecoveryCode(browser);

    const second = new SoftAuthenticator();
    const stay = await addPasskey(browser, { credential: second.register(await passkeyEnrollOptions(browser)), name: 'Phone' });
    expect(pathOf(stay)).toBe('/identity/v1/manage-passkey');
    const passkeys = await listUserPasskeys(user.id);
    expect(passkeys.map((passkey) => passkey.name)).toEqual(['Laptop', 'Phone']);

    // The same authenticator again is refused (its credential is registered).
    await expect(addPasskey(browser, { credential: second.register(await passkeyEnrollOptions(browser)), name: 'Again' })).rejects.toMatchObject({ code: 'passkey_exists' });

    await removePasskey(browser, { passkeyId: passkeys[0]!.id });
    expect((await listUserPasskeys(user.id)).map((passkey) => passkey.name)).toEqual(['Phone']);
    const other = await userWithPasskey();
    const foreign = (await listUserPasskeys(other.user.id))[0]!;
    await expect(removePasskey(browser, { passkeyId: foreign.id })).rejects.toMatchObject({ code: 'passkey_not_found' });
    expect(isCallback(await leavePolicy(browser))).toBe(true);
  });
});

describe('manage_passkey rename', () => {
  /** A user with the passkey "Laptop", at the manage_passkey page of their request. */
  async function atManagePasskey() {
    const { user } = await userWithPasskey();
    await db.user.update({ where: { id: user.id }, data: { skipPasskeyEnroll: true } });
    const { browser } = await passwordSignIn(user, { policy: 'manage_passkey' });
    await enrollRecoveryCode(browser);
    const [passkey] = await listUserPasskeys(user.id);
    return { user, browser, passkeyId: passkey!.id };
  }

  /** The page's POST /identity/v1/policy/rename-passkey, over HTTP. */
  async function renameOverHttp(browser: TestBrowser, body: Record<string, unknown>) {
    const origin = 'http://localhost:3999';
    const request = new NextRequest(`${origin}/identity/v1/policy/rename-passkey`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, cookie: `${requestCookieName(browser.requestId)}=${browser.bindingSecret}` },
      body: JSON.stringify({ requestId: browser.requestId, ...body }),
    });
    const response = await policyAction(request, { params: Promise.resolve({ action: 'rename-passkey' }) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const renames = (userId: string) => db.auditEvent.findMany({ where: { action: 'user.passkey_renamed', targetId: userId } });

  it('renames the owner\'s passkey (trimmed), audited with the old and new name, and stays on the page', async () => {
    const { user, browser, passkeyId } = await atManagePasskey();
    expect(pathOf(await renamePasskey(browser, { passkeyId, name: 'Work laptop' }))).toBe('/identity/v1/manage-passkey');
    expect((await listUserPasskeys(user.id)).map((passkey) => passkey.name)).toEqual(['Work laptop']);
    expect(await renames(user.id)).toEqual([
      expect.objectContaining({ actorType: 'user', actorId: user.id, before: { passkeyId, name: 'Laptop' }, after: { passkeyId, name: 'Work laptop' } }),
    ]);

    expect(await renameOverHttp(browser, { passkeyId, name: '  Desk key  ' })).toEqual({ status: 200, body: { redirectTo: expect.stringContaining('/identity/v1/manage-passkey?') } });
    expect((await listUserPasskeys(user.id))[0]!.name).toBe('Desk key');
    // The same name again changes nothing and records nothing.
    await renamePasskey(browser, { passkeyId, name: 'Desk key' });
    expect(await renames(user.id)).toHaveLength(2);
  });

  it("refuses another user's passkey without writing", async () => {
    const { browser } = await atManagePasskey();
    const other = await userWithPasskey();
    const [foreign] = await listUserPasskeys(other.user.id);
    await expect(renamePasskey(browser, { passkeyId: foreign!.id, name: 'Mine now' })).rejects.toMatchObject({ code: 'passkey_not_found' });
    expect(await renameOverHttp(browser, { passkeyId: foreign!.id, name: 'Mine now' })).toMatchObject({ status: 404, body: { error: 'passkey_not_found' } });
    expect((await listUserPasskeys(other.user.id))[0]!.name).toBe('Laptop');
    expect(await renames(other.user.id)).toEqual([]);
  });

  it('refuses the names enrollment refuses (the same rule), without writing', async () => {
    const { user, browser, passkeyId } = await atManagePasskey();
    expect(await renameOverHttp(browser, { passkeyId, name: 'x'.repeat(101) })).toMatchObject({ status: 400, body: { error: 'invalid_input', fields: { name: 'too_long' } } });
    expect(await renameOverHttp(browser, { passkeyId, name: 42 })).toMatchObject({ status: 400, body: { error: 'invalid_input' } });
    expect(await renameOverHttp(browser, { passkeyId })).toMatchObject({ status: 400, body: { error: 'invalid_input' } });
    expect((await listUserPasskeys(user.id))[0]!.name).toBe('Laptop');
    expect(await renames(user.id)).toEqual([]);
    // 100 characters after trimming are accepted, as at enrollment.
    expect((await renameOverHttp(browser, { passkeyId, name: ` ${'y'.repeat(100)} ` })).status).toBe(200);
    expect((await listUserPasskeys(user.id))[0]!.name).toBe('y'.repeat(100));
  });

  it('acts only for a request at manage_passkey', async () => {
    const { user } = await userWithPasskey();
    const [passkey] = await listUserPasskeys(user.id);
    const { browser } = await passwordSignIn(user, { policy: 'manage_recovery_code' });
    await expect(renamePasskey(browser, { passkeyId: passkey!.id, name: 'Elsewhere' })).rejects.toMatchObject({ code: 'wrong_step' });
    expect((await listUserPasskeys(user.id))[0]!.name).toBe('Laptop');
  });
});

describe('recovery codes', () => {
  beforeEach(() => overrideConfigForTesting({ ...SETTINGS, allowPasskeyEnrollment: false }));

  it('is stored hashed, signs in once, and issues the next code, which works once too', async () => {
    const user = await makeUser();
    const { browser } = await passwordSignIn(user);
    const { code } = await enrollRecoveryCode(browser);
    expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){5}$/);
    const stored = await db.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.codeHash).toBe(hashRecoveryCode(code));
    expect(stored[0]!.codeHash).not.toContain(code.replace(/-/g, ''));

    overrideConfigForTesting({ ...SETTINGS, allowPasskeyEnrollment: false, otpMfaIsRequired: true });
    const first = await startFlow();
    // Typed in lower case with spaces: still the code.
    const signedIn = await signInWithRecoveryCode(first, { email: user.email!, recoveryCode: code.toLowerCase().replace(/-/g, ' ') });
    expect(isCallback(signedIn)).toBe(true);
    expect(signedIn.data?.recoveryCode).not.toBe(code);

    const replay = await startFlow();
    await expect(signInWithRecoveryCode(replay, { email: user.email!, recoveryCode: code })).rejects.toMatchObject({ code: 'invalid_recovery_code' });
    const next = await signInWithRecoveryCode(replay, { email: user.email!, recoveryCode: String(signedIn.data?.recoveryCode) });
    expect(isCallback(next)).toBe(true);
  });

  it('refuses unknown addresses and wrong codes alike, and locks the account after ACCOUNT_LOCKOUT_THRESHOLD failures', async () => {
    overrideConfigForTesting({ ...SETTINGS, allowPasskeyEnrollment: false, accountLockoutThreshold: 3 });
    const user = await makeUser();
    const { browser } = await passwordSignIn(user);
    const { code } = await enrollRecoveryCode(browser);
    const attempt = await startFlow();
    await expect(signInWithRecoveryCode(attempt, { email: 'nobody@example.test', recoveryCode: code })).rejects.toMatchObject({ code: 'invalid_recovery_code' });
    for (let i = 0; i < 3; i += 1) {
      await expect(signInWithRecoveryCode(attempt, { email: user.email!, recoveryCode: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF' })).rejects.toMatchObject({ code: 'invalid_recovery_code' });
    }
    await expect(signInWithRecoveryCode(attempt, { email: user.email!, recoveryCode: code })).rejects.toMatchObject({ code: 'account_locked' });
    const logged = await db.signInLog.findMany({ where: { userId: user.id, method: 'recovery_code' } });
    expect(logged.map((log) => [log.success, log.reason])).toEqual([
      [false, 'invalid_code'],
      [false, 'invalid_code'],
      [false, 'invalid_code'],
    ]);
  });

  it('manage_recovery_code replaces the code: the old one stops working', async () => {
    const user = await makeUser();
    const enrollment = await passwordSignIn(user);
    const { code: old } = await enrollRecoveryCode(enrollment.browser);

    const { browser, outcome } = await passwordSignIn(user, { policy: 'manage_recovery_code' });
    expect(pathOf(outcome)).toBe('/identity/v1/manage-recovery-code');
    const { recoveryCode } = await regenerateRecoveryCode(browser);
    expect(recoveryCode).not.toBe(old);
    expect(isCallback(await leavePolicy(browser))).toBe(true);

    await expect(signInWithRecoveryCode(await startFlow(), { email: user.email!, recoveryCode: old })).rejects.toMatchObject({ code: 'invalid_recovery_code' });
    expect(isCallback(await signInWithRecoveryCode(await startFlow(), { email: user.email!, recoveryCode }))).toBe(true);
  });

  it('is refused while ENABLE_RECOVERY_CODE is off', async () => {
    overrideConfigForTesting({ ...SETTINGS, enableRecoveryCode: false });
    await expect(signInWithRecoveryCode(await startFlow(), { email: 'a@example.test', recoveryCode: 'x' })).rejects.toMatchObject({ code: 'recovery_codes_disabled' });
  });
});
