// Two instances of the production server (npm run serve, the suite's build) on one PostgreSQL and one
// Redis, as behind a load balancer: one issuer (AUTH_SERVER_URL) and one SECRET_KEY. What one
// instance starts, the other continues: SSO, refresh rotation with reuse detection, the lockout
// counters, device-code polling; and the per-process caches (signing keys, apps) follow a change
// made on the other instance within a second (PostgreSQL LISTEN/NOTIFY, lib/cache/invalidation.ts),
// far inside their own time bounds (30 s signer, 5 s JWKS and apps).
import { createHash, randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { EmbeddedClient } from '../lib/testing/embedded-client';
import { authorizationRequest, interceptCallback, newAddress, STRONG_PASSWORD, type PendingAuthorization, type RelyingParty } from './support/hosted';
import { cli, startServer, stopServer, type StartedServer } from './support/server';

const APP_ORIGIN = 'https://app.example.test';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

test.use({ locale: 'en-US' });
test.describe.configure({ timeout: 120_000 });

test.describe.serial('two instances on one PostgreSQL and one Redis', () => {
  let a: StartedServer;
  let b: StartedServer;
  let issuer: string;
  let spa: { clientId: string; redirectUri: string };
  let s2s: { id: string; clientId: string; clientSecret: string };
  let user: { email: string; password: string };
  let refreshToken: string;

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    const shared = {
      SECRET_KEY: randomBytes(32).toString('hex'),
      REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: `e2e-instances-${randomBytes(4).toString('hex')}:`,
      ACCOUNT_LOCKOUT_THRESHOLD: '3',
      EMBEDDED_AUTH_ORIGINS: APP_ORIGIN,
      CLEANUP_INTERVAL: '0',
    };
    a = await startServer({ name: 'instance-a', postgres: true, env: shared });
    issuer = a.baseURL;
    try {
      b = await startServer({ name: 'instance-b', env: shared, shareDatabaseOf: a.cliEnv });
    } catch (error) {
      await stopServer(a.state);
      throw error;
    }
    const redirectUri = `${issuer}/e2e/callback`;
    const app = await cli(a.cliEnv, ['app', 'create', '--name', 'E2E instances', '--type', 'spa', '--redirect-uri', redirectUri, '--redirect-uri', APP_ORIGIN, '--allow-device-flow']);
    spa = { clientId: String(app.clientId), redirectUri };
    const backend = await cli(a.cliEnv, ['app', 'create', '--name', 'E2E instances S2S', '--type', 's2s', '--scope', 'root']);
    s2s = { id: String(backend.id), clientId: String(backend.clientId), clientSecret: String(backend.clientSecret) };
    user = { email: newAddress('instances'), password: STRONG_PASSWORD() };
    await cli(a.cliEnv, ['user', 'create', '--email', user.email, '--password', user.password, '--verified']);
  });

  test.afterAll(async () => {
    if (b) await stopServer(b.state);
    if (a) await stopServer(a.state);
  });

  const rp = (server: StartedServer): RelyingParty => ({ baseURL: server.baseURL, clientId: spa.clientId, redirectUri: spa.redirectUri, cliEnv: a.cliEnv });

  async function token(server: StartedServer, form: Record<string, string>, auth?: { clientId: string; clientSecret: string }) {
    const response = await fetch(`${server.baseURL}/oauth2/v1/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(auth ? { authorization: `Basic ${Buffer.from(`${auth.clientId}:${auth.clientSecret}`).toString('base64')}` } : {}),
      },
      body: new URLSearchParams(form),
    });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  }

  async function redeem(server: StartedServer, callback: URL, pending: PendingAuthorization) {
    expect(callback.searchParams.get('state')).toBe(pending.state);
    return token(server, { grant_type: 'authorization_code', code: callback.searchParams.get('code')!, code_verifier: pending.verifier, client_id: spa.clientId, redirect_uri: spa.redirectUri });
  }

  const clientCredentials = (server: StartedServer) => token(server, { grant_type: 'client_credentials', scope: 'root' }, s2s);

  /** Repeats `probe` until it holds, for at most `ms` after the change: how fast the other instance follows. */
  async function within<T>(ms: number, probe: () => Promise<T>, holds: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + ms;
    let value = await probe();
    while (!holds(value) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      value = await probe();
    }
    return value;
  }

  test('SSO: signed in on A, an authorization on B returns a code without the sign-in form; B redeems it', async ({ page, context }) => {
    await interceptCallback(context, rp(a));
    const first = authorizationRequest(rp(a), { scope: 'openid profile offline_access' });
    await page.goto(first.url);
    const submit = page.getByRole('button', { name: 'Sign in', exact: true });
    await expect(submit).toBeEnabled({ timeout: 15_000 });
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await submit.click();
    await page.waitForURL((url) => url.pathname === '/e2e/callback' || url.pathname === '/identity/v1/consent', { timeout: 20_000 });
    if (new URL(page.url()).pathname === '/identity/v1/consent') await page.getByRole('button', { name: 'Allow', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/e2e/callback', { timeout: 20_000 });
    expect((await redeem(a, new URL(page.url()), first)).status).toBe(200);

    const second = authorizationRequest(rp(b), { scope: 'openid profile offline_access' });
    const visited: string[] = [];
    page.on('request', (request) => request.isNavigationRequest() && visited.push(new URL(request.url()).pathname));
    await page.goto(second.url);
    await page.waitForURL((url) => url.pathname === '/e2e/callback', { timeout: 20_000 });
    expect(visited).not.toContain('/identity/v1/sign-in');
    const tokens = await redeem(b, new URL(page.url()), second);
    expect(tokens.status).toBe(200);
    const { payload } = await jwtVerify(tokens.body.id_token!, createRemoteJWKSet(new URL(`${b.baseURL}/.well-known/jwks.json`)), { issuer, audience: spa.clientId });
    expect(payload.email).toBe(user.email);
    refreshToken = tokens.body.refresh_token!;
    expect(refreshToken).toBeTruthy();
  });

  test('refresh rotation on A, the old token reused on B: reuse detected, the whole family revoked', async () => {
    const rotated = await token(a, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: spa.clientId });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(refreshToken);
    const reused = await token(b, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: spa.clientId });
    expect(reused).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    // the family is gone on both instances: the token issued by the rotation no longer works
    expect(await token(a, { grant_type: 'refresh_token', refresh_token: rotated.body.refresh_token!, client_id: spa.clientId })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  test('lockout counters are shared: 2 failures on A + 1 on B lock the account on both', async () => {
    const victim = { email: newAddress('instances-lock'), password: STRONG_PASSWORD() };
    await cli(a.cliEnv, ['user', 'create', '--email', victim.email, '--password', victim.password, '--verified']);
    const attempt = async (server: StartedServer, password: string) => {
      const api = new EmbeddedClient(fetch, { server: server.baseURL, origin: APP_ORIGIN });
      const verifier = randomBytes(32).toString('base64url');
      const { sessionId } = await api.ok<{ sessionId: string }>('POST', '/initiate', {
        clientId: spa.clientId,
        redirectUri: APP_ORIGIN,
        codeChallenge: createHash('sha256').update(verifier).digest('base64url'),
        codeChallengeMethod: 'S256',
        scopes: ['openid'],
        locale: 'en',
      });
      return api.call<Record<string, unknown>>('POST', `/${sessionId}/sign-in`, { email: victim.email, password });
    };
    for (const server of [a, a, b]) expect((await attempt(server, 'Wrong-password-1')).status).toBe(401);
    const onB = await attempt(b, victim.password);
    expect(onB.status).toBe(423);
    expect(JSON.stringify(onB.body)).toContain('account_locked');
    expect((await attempt(a, victim.password)).status).toBe(423);
  });

  test('device code: started on A, approved in the browser, polled on B', async ({ page }) => {
    const started = await fetch(`${a.baseURL}/oauth2/v1/device_authorization`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: spa.clientId, scope: 'openid profile' }),
    });
    expect(started.status).toBe(200);
    const device = (await started.json()) as Record<string, string>;
    const poll = () => token(b, { grant_type: DEVICE_GRANT, device_code: device.device_code!, client_id: spa.clientId });
    expect((await poll()).body.error).toBe('authorization_pending');

    await page.goto(device.verification_uri_complete!);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/identity/v1/sign-in' || url.pathname === '/identity/v1/consent' || url.pathname === '/identity/v1/device/complete');
    if (new URL(page.url()).pathname === '/identity/v1/sign-in') {
      await page.getByLabel('Email').fill(user.email);
      await page.getByLabel('Password').fill(user.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/identity/v1/consent' || url.pathname === '/identity/v1/device/complete');
    }
    if (new URL(page.url()).pathname === '/identity/v1/consent') await page.getByRole('button', { name: 'Allow', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/identity/v1/device/complete');
    const tokens = await poll();
    expect(tokens.status).toBe(200);
    expect(tokens.body.access_token).toBeTruthy();
  });

  test('key rotation on A: within a second B publishes the new key and signs with it, and its tokens verify', async () => {
    // B's caches are warm: its signer (30 s) and JWKS (5 s) hold the current key
    const before = await clientCredentials(b);
    expect(before.status).toBe(200);
    const oldKid = decodeProtectedHeader(before.body.access_token!).kid;
    const jwksOf = async (server: StartedServer) => ((await (await fetch(`${server.baseURL}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] }).keys;
    expect((await jwksOf(b))[0]!.kid).toBe(oldKid);

    const admin = await clientCredentials(a);
    const rotated = await fetch(`${a.baseURL}/api/v1/signing-keys/rotate`, { method: 'POST', headers: { authorization: `Bearer ${admin.body.access_token}` } });
    expect(rotated.status).toBe(200);
    const { kid } = (await rotated.json()) as { kid: string };
    expect(kid).not.toBe(oldKid);

    const published = await within(1_000, () => jwksOf(b), (keys) => keys[0]?.kid === kid);
    expect(published.map((key) => key.kid).slice(0, 2)).toEqual([kid, oldKid]);
    const after = await within(1_000, () => clientCredentials(b), (answer) => decodeProtectedHeader(answer.body.access_token!).kid === kid);
    expect(decodeProtectedHeader(after.body.access_token!).kid).toBe(kid);
    await jwtVerify(after.body.access_token!, createRemoteJWKSet(new URL(`${b.baseURL}/.well-known/jwks.json`)), { issuer });
    // a token signed before the rotation still verifies (the previous key stays published)
    await jwtVerify(before.body.access_token!, createRemoteJWKSet(new URL(`${b.baseURL}/.well-known/jwks.json`)), { issuer });
  });

  test("an app deactivated on A stops getting tokens from B within a second (B's app cache holds it 5 s otherwise)", async () => {
    const other = await cli(a.cliEnv, ['app', 'create', '--name', 'E2E instances S2S 2', '--type', 's2s', '--scope', 'read_user']);
    const second = { clientId: String(other.clientId), clientSecret: String(other.clientSecret) };
    const onB = () => token(b, { grant_type: 'client_credentials', scope: 'read_user' }, second);
    expect((await onB()).status).toBe(200); // now cached on B

    const admin = await clientCredentials(a);
    const updated = await fetch(`${a.baseURL}/api/v1/apps/${other.id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin.body.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ isActive: false }),
    });
    expect(updated.status).toBe(200);
    const refused = await within(1_000, onB, (answer) => answer.status !== 200);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('invalid_client');
  });
});
