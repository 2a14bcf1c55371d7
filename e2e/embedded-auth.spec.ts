// The Embedded Auth API over real HTTP against the built server (servers of its own, with
// EMBEDDED_AUTH_ORIGINS set), driven by a native-style client that only calls fetch, each flow
// ending with tokens verified against the JWKS: sign-up → email verification → TOTP enrollment
// (otplib) → recovery code → consent → token exchange → refresh → sign-out; password reset, then
// sign-in with the new password and TOTP; passwordless by email code, then passkey enrollment and
// passkey sign-in with a software authenticator. Also the CORS answers of an allowed and a foreign
// origin. Every route's refusals are covered in lib/sign-in/embedded.test.ts.
import { expect, test } from '@playwright/test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { generate } from 'otplib';
import { createHash, randomBytes } from 'node:crypto';
import { EmbeddedClient } from '../lib/testing/embedded-client';
import { SoftAuthenticator } from '../lib/testing/webauthn';
import { codeIn, newAddress, startOwnServer, waitForEmail, type RelyingParty } from './support/hosted';

const APP_ORIGIN = 'https://app.example.test';

test.describe.configure({ timeout: 120_000 });

type Server = RelyingParty & { stop: () => Promise<void> };

/** A new session for the server's app: its id and the PKCE verifier that redeems it. */
async function initiate(api: EmbeddedClient, server: Server) {
  const verifier = randomBytes(32).toString('base64url');
  const started = await api.ok<{ sessionId: string; nextStep: string }>('POST', '/initiate', {
    clientId: server.clientId,
    redirectUri: APP_ORIGIN,
    codeChallenge: createHash('sha256').update(verifier).digest('base64url'),
    codeChallengeMethod: 'S256',
    scopes: ['openid', 'profile', 'offline_access'],
    locale: 'en',
  });
  return { ...started, verifier };
}

/** token-exchange, then the access and ID tokens verified against the server's JWKS. */
async function exchangeAndVerify(api: EmbeddedClient, server: Server, session: { sessionId: string; verifier: string }) {
  const tokens = await api.ok<Record<string, string>>('POST', '/token-exchange', { sessionId: session.sessionId, codeVerifier: session.verifier });
  const jwks = createRemoteJWKSet(new URL(`${server.baseURL}/.well-known/jwks.json`));
  const { payload: access } = await jwtVerify(tokens.access_token!, jwks, { issuer: server.baseURL, audience: server.clientId });
  const { payload: id } = await jwtVerify(tokens.id_token!, jwks, { issuer: server.baseURL, audience: server.clientId });
  return { tokens, access, id };
}

test.describe.serial('Embedded Auth API (own server)', () => {
  let server: Server;
  // The account the sign-up makes, for the sign-in that follows it.
  const account = { email: '', otpSecret: '' };

  test.beforeAll(async () => {
    test.setTimeout(240_000); // a server of its own: first start of its database, migrations, seed
    server = await startOwnServer('embedded-auth', {
      EMBEDDED_AUTH_ORIGINS: APP_ORIGIN,
      EMAIL_VERIFICATION_MODE: 'strict',
      ENFORCE_ONE_MFA_ENROLLMENT: 'otp',
      ENABLE_RECOVERY_CODE: 'true',
      ENABLE_USER_APP_CONSENT: 'true',
    });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('sign-up → email verification → TOTP → recovery code → consent → token exchange → refresh → sign-out, with fetch only', async () => {
    const api = new EmbeddedClient(fetch, { server: server.baseURL, origin: APP_ORIGIN });
    const verifier = randomBytes(32).toString('base64url');
    const preflight = await api.call('OPTIONS', '/initiate');
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);

    const { sessionId, nextStep } = await api.ok<{ sessionId: string; nextStep: string }>('POST', '/initiate', {
      clientId: server.clientId,
      redirectUri: APP_ORIGIN,
      codeChallenge: createHash('sha256').update(verifier).digest('base64url'),
      codeChallengeMethod: 'S256',
      scopes: ['openid', 'profile', 'offline_access'],
      locale: 'en',
    });
    expect(nextStep).toBe('sign_in');

    const email = newAddress('embedded');
    account.email = email;
    const since = Date.now() - 1000;
    expect(await api.ok('POST', `/${sessionId}/sign-up`, { email, password: 'Str0ng-Passw0rd!' })).toEqual({ sessionId, nextStep: 'verify_email', success: false });
    const code = codeIn(await waitForEmail(server.baseURL, email, since));
    expect(await api.ok('POST', `/${sessionId}/verify-email`, { code })).toEqual({ sessionId, nextStep: 'consent', success: false });
    expect(await api.ok('POST', `/${sessionId}/app-consent`)).toEqual({ sessionId, nextStep: 'mfa_enroll', success: false });
    expect(await api.ok('POST', `/${sessionId}/mfa-enrollment`, { type: 'otp' })).toEqual({ sessionId, nextStep: 'otp_setup', success: false });
    const { otpSecret } = await api.ok<{ otpSecret: string }>('GET', `/${sessionId}/otp-mfa-setup`);
    account.otpSecret = otpSecret;
    expect(await api.ok('POST', `/${sessionId}/otp-mfa`, { mfaCode: await generate({ secret: otpSecret }) })).toEqual({
      sessionId,
      nextStep: 'recovery_code_enroll',
      success: false,
    });
    expect((await api.ok<{ recoveryCode: string }>('GET', `/${sessionId}/recovery-code-enroll`)).recoveryCode).toMatch(/^[A-Z2-9-]{29}$/);
    expect(await api.ok('POST', `/${sessionId}/recovery-code-enroll`)).toEqual({ sessionId, success: true });
    // A replayed step after the end is refused.
    expect((await api.call('POST', `/${sessionId}/app-consent`)).status).toBe(409);

    const tokens = await api.ok<Record<string, string>>('POST', '/token-exchange', { sessionId, codeVerifier: verifier });
    const jwks = createRemoteJWKSet(new URL(`${server.baseURL}/.well-known/jwks.json`));
    const { payload: access } = await jwtVerify(tokens.access_token!, jwks, { issuer: server.baseURL, audience: server.clientId });
    const { payload: id } = await jwtVerify(tokens.id_token!, jwks, { issuer: server.baseURL, audience: server.clientId });
    expect(access.scope).toBe('openid profile offline_access');
    expect(id).toMatchObject({ email, amr: expect.arrayContaining(['pwd', 'totp', 'mfa']) });

    const refreshed = await api.ok<Record<string, string>>('POST', '/token-refresh', { refreshToken: tokens.refresh_token });
    await jwtVerify(refreshed.access_token!, jwks, { issuer: server.baseURL, audience: server.clientId });
    expect((await api.call('POST', '/sign-out', { refreshToken: refreshed.refresh_token, clientId: server.clientId })).status).toBe(200);
    expect((await api.call('POST', '/token-refresh', { refreshToken: refreshed.refresh_token })).body).toMatchObject({ error: 'invalid_grant' });
  });

  test('password reset by email code, then sign-in with the new password and TOTP, with fetch only', async () => {
    // serial: Playwright runs this only after the sign-up test passed, which set the account up
    expect(account.otpSecret, 'the account of the sign-up test').toBeTruthy();
    const api = new EmbeddedClient(fetch, { server: server.baseURL, origin: APP_ORIGIN });
    const since = Date.now() - 1000;
    expect(await api.ok('POST', '/reset-password-code', { email: account.email, locale: 'en' })).toEqual({ success: true });
    const code = codeIn(await waitForEmail(server.baseURL, account.email, since));
    const password = 'N3w-Passw0rd!';
    expect(await api.ok('POST', '/reset-password', { email: account.email, code, password })).toEqual({ success: true });
    // The code is used up.
    expect((await api.call('POST', '/reset-password', { email: account.email, code, password: 'N3w-Passw0rd!2' })).body).toMatchObject({ error: 'invalid_code' });

    const session = await initiate(api, server);
    expect((await api.call('POST', `/${session.sessionId}/sign-in`, { email: account.email, password: 'Str0ng-Passw0rd!' })).status).toBe(401);
    expect(await api.ok('POST', `/${session.sessionId}/sign-in`, { email: account.email, password })).toEqual({ sessionId: session.sessionId, nextStep: 'otp_mfa', success: false });
    // The enrollment used the current time step's code: the next step's code signs in.
    const mfaCode = await generate({ secret: account.otpSecret, epoch: Math.floor(Date.now() / 1000) + 30 });
    expect(await api.ok('POST', `/${session.sessionId}/otp-mfa`, { mfaCode })).toEqual({ sessionId: session.sessionId, success: true });
    const { id } = await exchangeAndVerify(api, server, session);
    expect(id).toMatchObject({ email: account.email, amr: expect.arrayContaining(['pwd', 'totp', 'mfa']) });
  });

  test('a page of another origin is refused and gets no CORS answer', async () => {
    const foreign = new EmbeddedClient(fetch, { server: server.baseURL, origin: 'https://evil.example.test' });
    const answer = await foreign.call('POST', '/initiate', { clientId: server.clientId });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ error: 'forbidden_origin' });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect((await foreign.call('OPTIONS', '/initiate')).status).toBe(403);
  });
});

test.describe.serial('Embedded Auth API: passkeys and passwordless (own server)', () => {
  let server: Server;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    server = await startOwnServer('embedded-auth-passkeys', {
      EMBEDDED_AUTH_ORIGINS: APP_ORIGIN,
      ALLOW_PASSKEY_ENROLLMENT: 'true',
      ENABLE_PASSWORDLESS_SIGN_IN: 'true',
    });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  // Passwordless turns password sign-in off (Melody): the passkey is enrolled after a passwordless sign-in.
  const authenticator = new SoftAuthenticator();
  const account = { email: '' };
  // The app's origin signs the client data; the RP ID is the server's host (AUTH_SERVER_URL).
  const target = () => ({ origin: APP_ORIGIN, rpId: new URL(server.baseURL).hostname });

  test('passwordless: a code to a new address, then passkey enrollment with a software authenticator, then tokens, with fetch only', async () => {
    const api = new EmbeddedClient(fetch, { server: server.baseURL, origin: APP_ORIGIN });
    const email = newAddress('embedded-passwordless');
    const since = Date.now() - 1000;
    const session = await initiate(api, server);
    expect((await api.call('POST', `/${session.sessionId}/sign-in`, { email, password: 'Str0ng-Passw0rd!' })).body).toMatchObject({ error: 'password_sign_in_disabled' });
    expect(await api.ok('POST', `/${session.sessionId}/passwordless`, { email })).toEqual({ sessionId: session.sessionId, nextStep: 'passwordless_verify', success: false });
    const code = codeIn(await waitForEmail(server.baseURL, email, since));
    expect((await api.call('POST', `/${session.sessionId}/passwordless-verify`, { code: code === '000000' ? '111111' : '000000' })).body).toMatchObject({ error: 'invalid_code' });
    expect(await api.ok('POST', `/${session.sessionId}/passwordless-verify`, { code })).toEqual({ sessionId: session.sessionId, nextStep: 'consent', success: false });
    expect(await api.ok('POST', `/${session.sessionId}/app-consent`)).toEqual({ sessionId: session.sessionId, nextStep: 'passkey_enroll', success: false });

    const { enrollOptions } = await api.ok<{ enrollOptions: Parameters<SoftAuthenticator['register']>[0] }>('GET', `/${session.sessionId}/passkey-enroll`);
    // Signed for a page of another origin: refused.
    const foreign = authenticator.register(enrollOptions, { ...target(), origin: 'https://evil.example.test' });
    expect((await api.call('POST', `/${session.sessionId}/passkey-enroll`, { enrollInfo: foreign })).body).toMatchObject({ error: 'passkey_invalid' });
    const { enrollOptions: again } = await api.ok<{ enrollOptions: Parameters<SoftAuthenticator['register']>[0] }>('GET', `/${session.sessionId}/passkey-enroll`);
    expect(await api.ok('POST', `/${session.sessionId}/passkey-enroll`, { enrollInfo: authenticator.register(again, target()) })).toEqual({
      sessionId: session.sessionId,
      success: true,
    });
    const { id } = await exchangeAndVerify(api, server, session);
    expect(id).toMatchObject({ email, amr: ['otp'] });
    account.email = email;
  });

  test('passkey sign-in with the software authenticator, with fetch only; a replayed assertion is refused', async () => {
    expect(account.email, 'the account of the passwordless test').toBeTruthy();
    const api = new EmbeddedClient(fetch, { server: server.baseURL, origin: APP_ORIGIN });
    const signIn = await initiate(api, server);
    const { passkeyOption } = await api.ok<{ passkeyOption: Parameters<SoftAuthenticator['authenticate']>[0] }>('GET', `/${signIn.sessionId}/passkey-verify`);
    const assertion = authenticator.authenticate(passkeyOption, target());
    expect(await api.ok('POST', `/${signIn.sessionId}/passkey-verify`, { passkeyInfo: assertion, challenge: passkeyOption.challenge })).toEqual({
      sessionId: signIn.sessionId,
      success: true,
    });
    const { id } = await exchangeAndVerify(api, server, signIn);
    expect(id).toMatchObject({ email: account.email, amr: ['hwk', 'user'] });
    // The same assertion on another session: its challenge is used up.
    const replay = await initiate(api, server);
    expect((await api.call('POST', `/${replay.sessionId}/passkey-verify`, { passkeyInfo: assertion })).body).toMatchObject({ error: 'passkey_invalid' });
  });
});
