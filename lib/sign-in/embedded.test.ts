// The Embedded Auth API driven the way an app with its own sign-in screens drives it: a client
// that only calls fetch (lib/testing/embedded.ts), finishing with tokens verified against the
// JWKS; then every route's refusals (wrong step, replay, expired, foreign origin, wrong verifier,
// unknown session, feature off, bad input).
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { generate } from 'otplib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { config, overrideConfigForTesting, resetConfigForTesting, type Config } from '@/lib/config';
import { sha256 } from '@/lib/crypto/tokens';
import { db } from '@/lib/db';
import { appFetch, SERVER } from '@/lib/testing/embedded';
import { EmbeddedClient, type StepAnswer } from '@/lib/testing/embedded-client';
import { makePkce, makeSpaApp, makeUser } from '@/lib/testing/factories';
import { lastCode } from '@/lib/testing/flows';
import { SoftAuthenticator } from '@/lib/testing/webauthn';
import { EMBEDDED_ROUTES } from './embedded-api';

const APP_ORIGIN = 'https://app.example.test';
const STRONG = 'Str0ng-Passw0rd!';

const BASE: Partial<Config> = {
  embeddedAuthOrigins: [APP_ORIGIN],
  enableSignUp: true,
  enablePasswordSignIn: true,
  enablePasswordlessSignIn: false,
  enablePasswordReset: true,
  enableUserAppConsent: true,
  emailVerificationMode: 'none',
  enforceOneMfaEnrollment: [],
  otpMfaIsRequired: false,
  emailMfaIsRequired: false,
  smsMfaIsRequired: false,
  allowPasskeyEnrollment: false,
  enableRecoveryCode: false,
  enableMfaRememberDevice: false,
  devOutbox: true,
};

beforeEach(() => overrideConfigForTesting(BASE));
afterEach(() => resetConfigForTesting());

const client = (origin: string | null = APP_ORIGIN) => new EmbeddedClient(appFetch, { server: SERVER, origin });

type App = Awaited<ReturnType<typeof makeSpaApp>>;

async function initiate(app: App, api = client(), extra: Record<string, unknown> = {}) {
  const pkce = makePkce();
  const started = await api.ok<{ sessionId: string; nextStep: string }>('POST', '/initiate', {
    clientId: app.clientId,
    redirectUri: APP_ORIGIN,
    codeChallenge: pkce.challenge,
    codeChallengeMethod: 'S256',
    scopes: ['openid', 'profile', 'offline_access'],
    locale: 'en',
    ...extra,
  });
  return { ...started, pkce, api };
}

/** The token response, its access and ID tokens verified with the JWKS the server publishes. */
async function exchangeAndVerify(api: EmbeddedClient, app: App, session: { sessionId: string; pkce: { verifier: string } }) {
  const tokens = await api.ok<Record<string, string | number>>('POST', '/token-exchange', { sessionId: session.sessionId, codeVerifier: session.pkce.verifier });
  const jwks = createLocalJWKSet((await (await appFetch(`${SERVER}/.well-known/jwks.json`)).json()) as JSONWebKeySet);
  const access = await jwtVerify(String(tokens.access_token), jwks, { issuer: config().issuer, audience: app.clientId });
  const id = await jwtVerify(String(tokens.id_token), jwks, { issuer: config().issuer, audience: app.clientId });
  expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: expect.any(Number), expires_on: expect.any(Number), refresh_token: expect.any(String) });
  return { tokens, access: access.payload, id: id.payload };
}

const consentApp = () => makeSpaApp({ redirectUris: [`${APP_ORIGIN}/callback`], skipConsent: false });

// each flow hashes passwords (argon2id) and signs in over several routes: one took 30 s at load average 25
describe('Embedded Auth API flows (fetch only, tokens checked against the JWKS)', { timeout: 90_000 }, () => {
  it('sign-up → email verification → TOTP enrollment → recovery code → consent → token exchange → refresh → sign-out', async () => {
    overrideConfigForTesting({ ...BASE, emailVerificationMode: 'strict', enforceOneMfaEnrollment: ['otp', 'email'], enableRecoveryCode: true });
    const app = await consentApp();
    const session = await initiate(app);
    const { api, sessionId } = session;
    expect(session.nextStep).toBe('sign_in');
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Stored only as its hash.
    expect(await db.authorizationRequest.count({ where: { bindingHash: sha256(sessionId), surface: 'embedded' } })).toBe(1);
    expect(await db.authorizationRequest.count({ where: { bindingHash: sessionId } })).toBe(0);

    expect(await api.ok('GET', `/${sessionId}/sign-up`)).toEqual({ userAttributes: [] });
    const email = `embedded-${Date.now()}@example.test`;
    const signedUp = await api.ok('POST', `/${sessionId}/sign-up`, { email, password: STRONG, firstName: 'Em', lastName: 'Bedded' });
    expect(signedUp).toEqual({ sessionId, nextStep: 'verify_email', success: false });
    // A replayed sign-up is refused: the session is past sign-in.
    expect((await api.call('POST', `/${sessionId}/sign-up`, { email: `again-${email}`, password: STRONG })).body).toMatchObject({ error: 'wrong_step' });

    expect(await api.ok('GET', `/${sessionId}/verify-email`)).toEqual({ email, skippable: false, codeSent: true });
    expect(await api.ok('POST', `/${sessionId}/verify-email`, { code: await lastCode(email) })).toEqual({ sessionId, nextStep: 'consent', success: false });

    expect(await api.ok('GET', `/${sessionId}/app-consent`)).toEqual({ appName: app.name, scopes: expect.arrayContaining([expect.objectContaining({ name: 'openid' })]) });
    expect(await api.ok('POST', `/${sessionId}/app-consent`)).toEqual({ sessionId, nextStep: 'mfa_enroll', success: false });
    expect((await api.call('POST', `/${sessionId}/app-consent`)).status).toBe(409);

    expect(await api.ok('GET', `/${sessionId}/mfa-enrollment`)).toEqual({ mfaTypes: ['otp', 'email'] });
    expect((await api.call('POST', `/${sessionId}/mfa-enrollment`, { type: 'sms' })).body).toMatchObject({ error: 'factor_not_offered' });
    expect(await api.ok('POST', `/${sessionId}/mfa-enrollment`, { type: 'otp' })).toEqual({ sessionId, nextStep: 'otp_setup', success: false });
    const setup = await api.ok<{ otpUri: string; otpSecret: string }>('GET', `/${sessionId}/otp-mfa-setup`);
    expect(setup.otpUri).toContain(`secret=${setup.otpSecret}`);
    expect((await api.call('POST', `/${sessionId}/otp-mfa`, { mfaCode: '000000' })).body).toMatchObject({ error: 'invalid_code' });
    expect(await api.ok('POST', `/${sessionId}/otp-mfa`, { mfaCode: await generate({ secret: setup.otpSecret }) })).toEqual({
      sessionId,
      nextStep: 'recovery_code_enroll',
      success: false,
    });

    const { recoveryCode } = await api.ok<{ recoveryCode: string }>('GET', `/${sessionId}/recovery-code-enroll`);
    expect(recoveryCode).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){5}$/);
    // Not finished yet: no tokens.
    expect((await api.call('POST', '/token-exchange', { sessionId, codeVerifier: session.pkce.verifier })).body).toMatchObject({ error: 'sign_in_not_finished' });
    expect(await api.ok('POST', `/${sessionId}/recovery-code-enroll`)).toEqual({ sessionId, success: true });
    // Finished: any further step is a replay.
    expect((await api.call('POST', `/${sessionId}/recovery-code-enroll`)).body).toMatchObject({ error: 'wrong_step' });

    // A wrong verifier is refused and does not use the session up.
    expect((await api.call('POST', '/token-exchange', { sessionId, codeVerifier: makePkce().verifier })).body).toMatchObject({ error: 'invalid_grant' });
    const { tokens, access, id } = await exchangeAndVerify(api, app, session);
    const user = await db.user.findFirstOrThrow({ where: { email } });
    expect(access).toMatchObject({ sub: user.id, client_id: app.clientId, scope: 'openid profile offline_access' });
    expect(id).toMatchObject({ sub: user.id, email, amr: expect.arrayContaining(['pwd', 'totp', 'mfa']) });
    expect(user).toMatchObject({ emailVerified: true, firstName: 'Em' });
    const fresh = await client().ok<Record<string, string>>('POST', '/token-refresh', { refreshToken: String(tokens.refresh_token) });
    expect(fresh).toMatchObject({ access_token: expect.any(String), token_type: 'Bearer', refresh_token: expect.any(String) });
    // Sign-out with another client's id revokes nothing; with the token's own client, the token is dead.
    expect(await client().call('POST', '/sign-out', { refreshToken: fresh.refresh_token, clientId: 'another-client' })).toMatchObject({ status: 200, body: null });
    const still = await client().ok<Record<string, string>>('POST', '/token-refresh', { refreshToken: fresh.refresh_token });
    expect(await client().call('POST', '/sign-out', { refreshToken: still.refresh_token, clientId: app.clientId })).toMatchObject({ status: 200, body: null });
    expect((await client().call('POST', '/token-refresh', { refreshToken: still.refresh_token })).body).toMatchObject({ error: 'invalid_grant' });
    // Rotation: a spent refresh token is refused too.
    expect((await client().call('POST', '/token-refresh', { refreshToken: String(tokens.refresh_token) })).body).toMatchObject({ error: 'invalid_grant' });
    // The session is gone: exchanging it again is a replay.
    expect((await api.call('POST', '/token-exchange', { sessionId, codeVerifier: session.pkce.verifier })).body).toMatchObject({ error: 'invalid_grant' });
  });

  it('sign-in with TOTP, and a remembered device skips the code next time (the cookie is the embedded API’s)', async () => {
    overrideConfigForTesting({ ...BASE, otpMfaIsRequired: true, enableMfaRememberDevice: true });
    const app = await makeSpaApp({ redirectUris: [`${APP_ORIGIN}/cb`], skipConsent: true });
    const user = await makeUser();
    const first = await initiate(app);
    expect(await first.api.ok('POST', `/${first.sessionId}/sign-in`, { email: user.email, password: user.password })).toMatchObject({ nextStep: 'otp_setup' });
    const { otpSecret } = await first.api.ok<{ otpSecret: string }>('GET', `/${first.sessionId}/otp-mfa-setup`);
    const setupCode = await generate({ secret: otpSecret });
    expect(await first.api.ok('POST', `/${first.sessionId}/otp-mfa`, { mfaCode: setupCode })).toEqual({ sessionId: first.sessionId, success: true });
    await exchangeAndVerify(first.api, app, first);

    const second = await initiate(app, client());
    expect(await second.api.ok('POST', `/${second.sessionId}/sign-in`, { email: user.email, password: user.password })).toMatchObject({ nextStep: 'otp_mfa' });
    expect(await second.api.ok('GET', `/${second.sessionId}/otp-mfa`)).toEqual({ allowFallbackToEmailMfa: true });
    // The setup code was accepted for its time step: it (and older ones) never again.
    expect((await second.api.call('POST', `/${second.sessionId}/otp-mfa`, { mfaCode: setupCode })).body).toMatchObject({ error: 'invalid_code' });
    const answer = await second.api.call<StepAnswer>('POST', `/${second.sessionId}/otp-mfa`, {
      mfaCode: await generate({ secret: otpSecret, epoch: Math.floor(Date.now() / 1000) + 30 }),
      rememberDevice: true,
    });
    expect(answer.body).toEqual({ sessionId: second.sessionId, success: true });
    expect(answer.headers.getSetCookie().join()).toMatch(/tessera_mfa_otp=.*Path=\/embedded-auth\/v1.*HttpOnly/i);
    const { id } = await exchangeAndVerify(second.api, app, second);
    expect(id.amr).toEqual(expect.arrayContaining(['pwd', 'totp', 'mfa']));

    // Same client (its cookie jar): the factor is passed as the session reaches it.
    const third = await initiate(app, second.api);
    expect(await third.api.ok('POST', `/${third.sessionId}/sign-in`, { email: user.email, password: user.password })).toEqual({ sessionId: third.sessionId, success: true });
    expect(await db.signInLog.count({ where: { userId: user.id, reason: 'remembered_device' } })).toBe(1);
  });

  it('passkey enrollment and sign-in from an embedded origin with a software authenticator; a foreign origin is refused', async () => {
    overrideConfigForTesting({ ...BASE, allowPasskeyEnrollment: true });
    const app = await makeSpaApp({ redirectUris: [`${APP_ORIGIN}/cb`], skipConsent: true });
    const user = await makeUser();
    const authenticator = new SoftAuthenticator();
    const enroll = await initiate(app);
    expect(await enroll.api.ok('POST', `/${enroll.sessionId}/sign-in`, { email: user.email, password: user.password })).toMatchObject({ nextStep: 'passkey_enroll' });
    const { enrollOptions } = await enroll.api.ok<{ enrollOptions: Parameters<SoftAuthenticator['register']>[0] }>('GET', `/${enroll.sessionId}/passkey-enroll`);
    expect((await enroll.api.call('POST', `/${enroll.sessionId}/passkey-enroll`, { enrollInfo: authenticator.register(enrollOptions, { origin: 'https://evil.example.test' }) })).body).toMatchObject({
      error: 'passkey_invalid',
    });
    const { enrollOptions: again } = await enroll.api.ok<{ enrollOptions: Parameters<SoftAuthenticator['register']>[0] }>('GET', `/${enroll.sessionId}/passkey-enroll`);
    expect(await enroll.api.ok('POST', `/${enroll.sessionId}/passkey-enroll`, { enrollInfo: authenticator.register(again, { origin: APP_ORIGIN }) })).toEqual({
      sessionId: enroll.sessionId,
      success: true,
    });
    await exchangeAndVerify(enroll.api, app, enroll);

    const signIn = await initiate(app);
    const { passkeyOption } = await signIn.api.ok<{ passkeyOption: Parameters<SoftAuthenticator['authenticate']>[0] }>('GET', `/${signIn.sessionId}/passkey-verify`);
    const assertion = authenticator.authenticate(passkeyOption, { origin: APP_ORIGIN });
    expect(await signIn.api.ok('POST', `/${signIn.sessionId}/passkey-verify`, { passkeyInfo: assertion, challenge: passkeyOption.challenge })).toEqual({
      sessionId: signIn.sessionId,
      success: true,
    });
    const { id } = await exchangeAndVerify(signIn.api, app, signIn);
    expect(id).toMatchObject({ sub: user.id, amr: ['hwk', 'user'] });
    // The same assertion again: its challenge is used up.
    const replay = await initiate(app);
    expect((await replay.api.call('POST', `/${replay.sessionId}/passkey-verify`, { passkeyInfo: assertion })).body).toMatchObject({ error: 'passkey_invalid' });
  });

  it('passwordless: a code to the address, then tokens (a new address becomes a verified account)', async () => {
    overrideConfigForTesting({ ...BASE, enablePasswordlessSignIn: true, usePasswordlessAsMagicLink: true, enableSignUp: false, enablePasswordSignIn: false, enablePasswordReset: false });
    const app = await makeSpaApp({ redirectUris: [`${APP_ORIGIN}/cb`], skipConsent: true });
    const email = `passwordless-${Date.now()}@example.test`;
    const session = await initiate(app);
    const { api, sessionId } = session;
    expect((await api.call('POST', `/${sessionId}/sign-in`, { email, password: STRONG })).body).toMatchObject({ error: 'password_sign_in_disabled' });
    expect(await api.ok('POST', `/${sessionId}/passwordless`, { email })).toEqual({ sessionId, nextStep: 'passwordless_verify', success: false });
    // Magic links need the browser that started the sign-in: embedded sessions always get a code.
    const code = await lastCode(email);
    expect((await api.call('POST', `/${sessionId}/passwordless-verify`, { code: code === '000000' ? '111111' : '000000' })).body).toMatchObject({ error: 'invalid_code' });
    expect(await api.ok('POST', `/${sessionId}/passwordless-verify`, { code })).toEqual({ sessionId, success: true });
    const { id } = await exchangeAndVerify(api, app, session);
    expect(id).toMatchObject({ email, amr: ['otp'] });
    expect(await db.user.findFirstOrThrow({ where: { email } })).toMatchObject({ emailVerified: true, passwordHash: null });
  });

  it('password reset by code, then sign-in with the new password; the lockout applies to embedded sign-ins', async () => {
    overrideConfigForTesting({ ...BASE, accountLockoutThreshold: 3, unlockAccountViaPasswordReset: true });
    const app = await makeSpaApp({ redirectUris: [`${APP_ORIGIN}/cb`], skipConsent: true });
    const user = await makeUser();
    const locked = await initiate(app);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await locked.api.call('POST', `/${locked.sessionId}/sign-in`, { email: user.email, password: 'Wrong-pass1!' })).status).toBe(401);
    }
    expect((await locked.api.call('POST', `/${locked.sessionId}/sign-in`, { email: user.email, password: user.password })).body).toMatchObject({ error: 'account_locked' });

    const api = client();
    expect(await api.ok('POST', '/reset-password-code', { email: user.email, locale: 'fr' })).toEqual({ success: true });
    // Unknown addresses get the same answer.
    expect(await api.ok('POST', '/reset-password-code', { email: 'nobody@example.test' })).toEqual({ success: true });
    await expect.poll(() => lastCode(user.email!).catch(() => null)).toMatch(/^\d{6}$/);
    const code = await lastCode(user.email!);
    expect((await api.call('POST', '/reset-password', { email: user.email, code, password: 'weak' })).body).toMatchObject({ fields: { password: 'weak_password' } });
    expect(await api.ok('POST', '/reset-password', { email: user.email, code, password: 'N3w-Passw0rd!' })).toEqual({ success: true });
    expect((await api.call('POST', '/reset-password', { email: user.email, code, password: 'N3w-Passw0rd!2' })).body).toMatchObject({ error: 'invalid_code' });

    const session = await initiate(app);
    expect(await session.api.ok('POST', `/${session.sessionId}/sign-in`, { email: user.email, password: 'N3w-Passw0rd!' })).toEqual({ sessionId: session.sessionId, success: true });
    await exchangeAndVerify(session.api, app, session);
  });
});

describe('the same rules as the hosted pages', () => {
  it('the app’s banners, and an org closed to registration refuses the sign-up', async () => {
    overrideConfigForTesting({ ...BASE, enableAppBanner: true, enableOrg: true });
    const app = await makeSpaApp({ redirectUris: [`${APP_ORIGIN}/cb`], skipConsent: true });
    await db.banner.create({ data: { type: 'warning', text: 'Maintenance tonight', isActive: true, apps: { create: { appId: app.id } } } });
    const slug = `closed-${Date.now()}`;
    await db.org.create({ data: { name: slug, slug, allowPublicRegistration: false } });
    const session = await initiate(app, client(), { org: slug });
    expect(await session.api.ok('GET', `/${session.sessionId}/app-banners`)).toEqual({ banners: [expect.objectContaining({ type: 'warning', text: 'Maintenance tonight' })] });
    const refused = await session.api.call('POST', `/${session.sessionId}/sign-up`, { email: `org-${Date.now()}@example.test`, password: STRONG });
    expect(refused).toMatchObject({ status: 403, body: { error: 'registration_closed' } });
  });
});

/** A body each route accepts, so that a refusal is about the session or the caller, not the input. */
const SAMPLE_BODIES: Record<string, unknown> = {
  initiate: {},
  signUp: { email: 'x@example.test', password: STRONG },
  signIn: { email: 'x@example.test', password: 'whatever' },
  signInWithRecoveryCode: { email: 'x@example.test', recoveryCode: 'AAAA-BBBB' },
  startPasswordless: { email: 'x@example.test' },
  verifyPasswordless: { code: '123456' },
  verifyEmail: { code: '123456' },
  postMfaEnrollment: { type: 'otp' },
  postEmailMfa: { mfaCode: '123456' },
  postOtpMfa: { mfaCode: '123456' },
  postSmsMfaSetup: { phoneNumber: '+15555550100' },
  postSmsMfa: { mfaCode: '123456' },
  postPasskeyEnroll: { enrollInfo: { id: 'AA', rawId: 'AA', type: 'public-key', response: { clientDataJSON: 'AA', attestationObject: 'AA' } } },
  postPasskeyEnrollDecline: { remember: false },
  postPasskeyVerify: { passkeyInfo: { id: 'AA', rawId: 'AA', type: 'public-key', response: { clientDataJSON: 'AA', authenticatorData: 'AA', signature: 'AA' } } },
  postUserOrgs: { org: 'acme' },
  tokenExchange: { sessionId: 'x', codeVerifier: 'y' },
  tokenRefresh: { refreshToken: 'x' },
  signOut: { refreshToken: 'x', clientId: 'y' },
  resetPasswordCode: { email: 'x@example.test' },
  resetPassword: { email: 'x@example.test', code: '123456', password: STRONG },
};

const sessionRoutes = EMBEDDED_ROUTES.filter((route) => route.path.startsWith('/{sessionId}'));
const pathOf = (route: (typeof EMBEDDED_ROUTES)[number], sessionId: string) => route.path.replace('{sessionId}', sessionId);
const bodyOf = (route: (typeof EMBEDDED_ROUTES)[number]) => (route.body ? SAMPLE_BODIES[route.operationId] : undefined);

describe('every route refuses', () => {
  it('has a sample body for each route with a body', () => {
    for (const route of EMBEDDED_ROUTES) if (route.body) expect(SAMPLE_BODIES, route.operationId).toHaveProperty(route.operationId);
  });

  it('a foreign browser origin (403 forbidden_origin), with no CORS headers; the allowed origins get exactly theirs', async () => {
    const foreign = client('https://evil.example.test');
    for (const route of EMBEDDED_ROUTES) {
      const answer = await foreign.call(route.method, pathOf(route, 'A'.repeat(43)), bodyOf(route));
      expect([route.operationId, answer.status, answer.body]).toEqual([route.operationId, 403, expect.objectContaining({ error: 'forbidden_origin' })]);
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    }
    const preflight = await foreign.call('OPTIONS', '/initiate');
    expect(preflight.status).toBe(403);
    for (const origin of [APP_ORIGIN, 'http://localhost:3999']) {
      const allowed = await client(origin).call('OPTIONS', '/initiate');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(origin);
      expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
      expect(allowed.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    }
    // A native app sends no Origin: served.
    const app = await makeSpaApp({ redirectUris: [`${APP_ORIGIN}/cb`] });
    expect((await initiate(app, client(null))).nextStep).toBe('sign_in');
  });

  it('everything with 404 embedded_auth_disabled while EMBEDDED_AUTH_ORIGINS is empty', async () => {
    overrideConfigForTesting({ ...BASE, embeddedAuthOrigins: [] });
    for (const route of EMBEDDED_ROUTES) {
      const answer = await client().call(route.method, pathOf(route, 'A'.repeat(43)), bodyOf(route));
      expect([route.operationId, answer.status, answer.body]).toEqual([route.operationId, 404, expect.objectContaining({ error: 'embedded_auth_disabled' })]);
    }
    expect((await client().call('OPTIONS', '/initiate')).status).toBe(404);
  });

  it('an unknown session (404 session_not_found) and an expired one (410 session_expired) on every session route', async () => {
    const app = await makeSpaApp({ redirectUris: [`${APP_ORIGIN}/cb`] });
    const expired = await initiate(app);
    await db.authorizationRequest.updateMany({ where: { bindingHash: sha256(expired.sessionId) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    for (const route of sessionRoutes) {
      const unknown = await client().call(route.method, pathOf(route, 'B'.repeat(43)), bodyOf(route));
      expect([route.operationId, unknown.status, unknown.body]).toEqual([route.operationId, 404, expect.objectContaining({ error: 'session_not_found' })]);
      const gone = await client().call(route.method, pathOf(route, expired.sessionId), bodyOf(route));
      expect([route.operationId, gone.status, gone.body]).toEqual([route.operationId, 410, expect.objectContaining({ error: 'session_expired' })]);
    }
    expect((await client().call('POST', '/token-exchange', { sessionId: expired.sessionId, codeVerifier: expired.pkce.verifier })).body).toMatchObject({ error: 'session_expired' });
  });

  it('a step the session is not at (409 wrong_step): sign-in routes past sign-in, later steps before them', async () => {
    overrideConfigForTesting({ ...BASE, allowPasskeyEnrollment: true, enableRecoveryCode: true, enablePasswordlessSignIn: false });
    const app = await makeSpaApp({ redirectUris: [`${APP_ORIGIN}/cb`], skipConsent: false });
    const atSignIn = await initiate(app);
    const user = await makeUser();
    const atConsent = await initiate(app);
    expect(await atConsent.api.ok('POST', `/${atConsent.sessionId}/sign-in`, { email: user.email, password: user.password })).toMatchObject({ nextStep: 'consent' });
    const signInRoutes = ['getSignUp', 'signUp', 'signIn', 'signInWithRecoveryCode', 'startPasswordless', 'getPasskeyVerify', 'postPasskeyVerify'];
    // Routes that are not about a step: the banners, and passwordless' own refusal before its step.
    const stepless = ['getAppBanners', 'resendPasswordless', 'verifyPasswordless'];
    for (const route of sessionRoutes) {
      if (stepless.includes(route.operationId)) continue;
      const session = signInRoutes.includes(route.operationId) ? atConsent : atSignIn;
      const answer = await client().call(route.method, pathOf(route, session.sessionId), bodyOf(route));
      expect([route.operationId, answer.status, answer.body]).toEqual([route.operationId, 409, expect.objectContaining({ error: 'wrong_step' })]);
    }
    expect((await client().call('POST', `/${atSignIn.sessionId}/passwordless-verify`, { code: '123456' })).body).toMatchObject({ error: 'wrong_step' });
  });

  it('bad input: 400 invalid_input with the fields, 415 for another content type, 405 for another method, 404 for another path', async () => {
    const app = await makeSpaApp({ redirectUris: [`${APP_ORIGIN}/cb`] });
    const api = client();
    expect((await api.call('POST', '/initiate', { clientId: app.clientId })).body).toMatchObject({ error: 'invalid_input', fields: expect.objectContaining({ codeChallenge: expect.any(String) }) });
    const plain = await api.call('POST', '/initiate', undefined, { 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    expect((await api.call('GET', '/initiate')).status).toBe(405);
    expect((await api.call('GET', '/nothing-here')).body).toMatchObject({ error: 'not_found' });
    const session = await initiate(app);
    expect((await api.call('POST', `/${session.sessionId}/sign-in`, { email: 'x@example.test' })).body).toMatchObject({ error: 'invalid_input', fields: { password: expect.any(String) } });
  });

  it('initiate: an unknown client, a foreign redirect URI, a scope the app lacks, a plain PKCE challenge', async () => {
    const app = await makeSpaApp({ redirectUris: [`${APP_ORIGIN}/cb`] });
    const pkce = makePkce();
    const body = { clientId: app.clientId, redirectUri: APP_ORIGIN, codeChallenge: pkce.challenge, codeChallengeMethod: 'S256', scopes: ['openid'], locale: 'en' };
    const refused = async (patch: Record<string, unknown>) => (await client().call('POST', '/initiate', { ...body, ...patch })).body;
    expect(await refused({ clientId: 'nope' })).toMatchObject({ error: 'invalid_client' });
    expect(await refused({ redirectUri: 'https://evil.example.test' })).toMatchObject({ error: 'invalid_redirect_uri' });
    expect(await refused({ scopes: ['root'] })).toMatchObject({ error: 'invalid_scope' });
    expect(await refused({ codeChallengeMethod: 'plain', codeChallenge: pkce.verifier })).toMatchObject({ error: 'invalid_code_challenge' });
    // The app's registered redirect URI works as well as an embedded origin.
    expect((await client().ok<{ nextStep: string }>('POST', '/initiate', { ...body, redirectUri: `${APP_ORIGIN}/cb` })).nextStep).toBe('sign_in');
  });
});
