// The Embedded Auth API over real HTTP against the built server (its own, with
// EMBEDDED_AUTH_ORIGINS set): a native-style client that only calls fetch signs up, verifies the
// email, enrolls TOTP (otplib), keeps a recovery code, consents and exchanges the session for
// tokens verified against the JWKS, refreshes and signs out; the CORS answers of an allowed and a
// foreign origin. Every route's refusals are covered in lib/sign-in/embedded.test.ts.
import { expect, test } from '@playwright/test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { generate } from 'otplib';
import { createHash, randomBytes } from 'node:crypto';
import { EmbeddedClient } from '../lib/testing/embedded-client';
import { codeIn, newAddress, startOwnServer, waitForEmail, type RelyingParty } from './support/hosted';

const APP_ORIGIN = 'https://app.example.test';

test.describe.configure({ timeout: 120_000 });

test.describe.serial('Embedded Auth API (own server)', () => {
  let server: RelyingParty & { stop: () => Promise<void> };

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
    const since = Date.now() - 1000;
    expect(await api.ok('POST', `/${sessionId}/sign-up`, { email, password: 'Str0ng-Passw0rd!' })).toEqual({ sessionId, nextStep: 'verify_email', success: false });
    const code = codeIn(await waitForEmail(server.baseURL, email, since));
    expect(await api.ok('POST', `/${sessionId}/verify-email`, { code })).toEqual({ sessionId, nextStep: 'consent', success: false });
    expect(await api.ok('POST', `/${sessionId}/app-consent`)).toEqual({ sessionId, nextStep: 'mfa_enroll', success: false });
    expect(await api.ok('POST', `/${sessionId}/mfa-enrollment`, { type: 'otp' })).toEqual({ sessionId, nextStep: 'otp_setup', success: false });
    const { otpSecret } = await api.ok<{ otpSecret: string }>('GET', `/${sessionId}/otp-mfa-setup`);
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

  test('a page of another origin is refused and gets no CORS answer', async () => {
    const foreign = new EmbeddedClient(fetch, { server: server.baseURL, origin: 'https://evil.example.test' });
    const answer = await foreign.call('POST', '/initiate', { clientId: server.clientId });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ error: 'forbidden_origin' });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect((await foreign.call('OPTIONS', '/initiate')).status).toBe(403);
  });
});
