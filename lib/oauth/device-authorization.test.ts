// Device Authorization Grant (RFC 8628) end to end: the device's endpoints and the user's sign-in
// through the ordinary hosted flow.
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as deviceAuthorizationPOST } from '@/app/oauth2/v1/device_authorization/route';
import { POST as tokenPOST } from '@/app/oauth2/v1/token/route';
import { overrideConfigForTesting } from '@/lib/config';
import { sha256 } from '@/lib/crypto/tokens';
import { db } from '@/lib/db';
import { REQUEST_COOKIE_PREFIX } from '@/lib/flow';
import { SSO_COOKIE } from '@/lib/identity/cookies';
import { decideConsent, getConsentView } from '@/lib/identity/consent';
import { signInWithPassword } from '@/lib/identity/sign-in';
import { startDeviceVerification } from '@/lib/sign-in/start';
import { type FlowOutcome } from '@/lib/flow';
import { makeS2sApp, makeSpaApp as makeAnySpaApp, makeUser } from '@/lib/testing/factories';
import { DEVICE_CODE_GRANT_TYPE, normalizeUserCode, requestDeviceAuthorization } from './device-authorization';
import { discoveryDocument } from './discovery';
import { verifyAccessToken } from './jwt';
import { handleTokenRequest } from './token-endpoint';
import { signInMachine } from '@/lib/sign-in/machine';

const ISSUER = 'http://localhost:3999';

beforeAll(() => overrideConfigForTesting({ enableUserAppConsent: true, serverSessionExpiresIn: 1800 }));

/** A SPA app that opted in to the device flow (allowDeviceFlow: off by default, issue 12 item 11). */
const makeSpaApp = (overrides: Parameters<typeof makeAnySpaApp>[0] = {}) => makeAnySpaApp({ allowDeviceFlow: true, ...overrides });

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

function authorizeDevice(app: { clientId: string }, scope = 'openid profile offline_access') {
  return requestDeviceAuthorization(new URLSearchParams({ client_id: app.clientId, scope }), null);
}

function poll(deviceCode: string, clientId: string) {
  return handleTokenRequest(new URLSearchParams({ grant_type: DEVICE_CODE_GRANT_TYPE, device_code: deviceCode, client_id: clientId }), null);
}

/** Lets the next poll come "after the interval" without waiting for it. */
async function waitOutInterval(deviceCode: string) {
  await db.deviceAuthorization.update({ where: { deviceCodeHash: sha256(deviceCode) }, data: { lastPolledAt: new Date(Date.now() - 60_000) } });
}

function browserOf(outcome: FlowOutcome, ssoToken?: string) {
  return {
    machine: signInMachine,
    requestId: new URL(outcome.location).searchParams.get('request')!,
    bindingSecret: outcome.cookies.find((cookie) => cookie.name.startsWith(REQUEST_COOKIE_PREFIX))?.value,
    userAgent: 'vitest',
    ip: '',
    ssoToken,
  };
}

const pathOf = (location: string) => new URL(location).pathname;

/** The user's side: enter the code, sign in, decide on the consent screen. */
async function userDecides(userCode: string, user: Awaited<ReturnType<typeof makeUser>>, decision: 'allow' | 'deny') {
  const entered = await startDeviceVerification(userCode, { locale: 'zh-CN' });
  expect(pathOf(entered.location)).toBe('/identity/v1/sign-in');
  const browser = browserOf(entered);
  const signedIn = await signInWithPassword(browser, { email: user.email!, password: user.password });
  expect(pathOf(signedIn.location)).toBe('/identity/v1/consent');
  return decideConsent(browser, decision);
}

describe('device authorization endpoint', () => {
  it('gives a public SPA client a device code (stored hashed) and an XXXX-XXXX user code', async () => {
    const app = await makeSpaApp();
    const response = await authorizeDevice(app);
    expect(response).toMatchObject({
      verification_uri: `${ISSUER}/identity/v1/device`,
      verification_uri_complete: `${ISSUER}/identity/v1/device?user_code=${response.user_code}`,
      expires_in: 600,
      interval: 5,
    });
    expect(response.user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(response.device_code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await db.deviceAuthorization.findUniqueOrThrow({ where: { userCode: response.user_code.replace('-', '') } });
    expect(row.deviceCodeHash).toBe(sha256(response.device_code));
    expect(JSON.stringify(row)).not.toContain(response.device_code);
    expect(row).toMatchObject({ status: 'pending', scopes: ['openid', 'profile', 'offline_access'] });
  });

  it('answers through the route with JSON and no-store', async () => {
    const app = await makeSpaApp();
    const response = await deviceAuthorizationPOST(
      new NextRequest(`${ISSUER}/oauth2/v1/device_authorization`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: app.clientId, scope: 'openid' }).toString(),
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({ interval: 5, expires_in: 600 });
  });

  it('issue 12 item 11: the device flow is off by default per app: a new SPA app is refused over HTTP until it opts in', async () => {
    const app = await makeAnySpaApp();
    const ask = () =>
      deviceAuthorizationPOST(
        new NextRequest(`${ISSUER}/oauth2/v1/device_authorization`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ client_id: app.clientId, scope: 'openid profile' }).toString(),
        }),
      );
    const refused = await ask();
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'unauthorized_client' });
    expect(await db.deviceAuthorization.count({ where: { appId: app.id } })).toBe(0);
    await db.app.update({ where: { id: app.id }, data: { allowDeviceFlow: true } });
    expect((await ask()).status).toBe(200);
  });

  it('refuses S2S clients, unknown clients and scopes the app lacks', async () => {
    const s2s = await makeS2sApp(['read_user']);
    await expect(requestDeviceAuthorization(new URLSearchParams({ scope: 'read_user' }), basic(s2s.clientId, s2s.clientSecret))).rejects.toMatchObject({
      code: 'unauthorized_client',
    });
    await expect(authorizeDevice(s2s, 'read_user')).rejects.toMatchObject({ code: 'invalid_client', status: 401 });
    await expect(authorizeDevice({ clientId: 'no-such-client' })).rejects.toMatchObject({ code: 'invalid_client' });
    const spa = await makeSpaApp();
    await expect(authorizeDevice(spa, 'openid root')).rejects.toMatchObject({ code: 'invalid_scope' });
    await expect(authorizeDevice(spa, '')).rejects.toMatchObject({ code: 'invalid_scope' });
    expect(await db.deviceAuthorization.count({ where: { app: { clientId: { in: [s2s.clientId, spa.clientId] } } } })).toBe(0);
  });

  it('is advertised in discovery with its grant type', () => {
    const discovery = discoveryDocument();
    expect(discovery.device_authorization_endpoint).toBe(`${ISSUER}/oauth2/v1/device_authorization`);
    expect(discovery.grant_types_supported).toContain('urn:ietf:params:oauth:grant-type:device_code');
  });
});

describe('user code', () => {
  it.each([
    ['WDJB-MJHT', 'WDJBMJHT'],
    ['wdjb-mjht', 'WDJBMJHT'],
    [' wdjb mjht ', 'WDJBMJHT'],
    ['WDJBMJHT', 'WDJBMJHT'],
    ['WDJB-MJH', null],
    ['WDJB-MJHTX', null],
    ['ABCD-EFGH', null],
    ['0000-0000', null],
    ['WDJB_MJHT', null],
  ])('%j is read as %j', (typed, stored) => {
    expect(normalizeUserCode(typed)).toBe(stored);
  });

  it('unknown, malformed, expired and already used codes all fail the same way', async () => {
    const app = await makeSpaApp({ skipConsent: true });
    const user = await makeUser();
    const approved = await authorizeDevice(app);
    const entered = await startDeviceVerification(approved.user_code, { locale: 'en' });
    await signInWithPassword(browserOf(entered), { email: user.email!, password: user.password });
    await decideConsent(browserOf(entered), 'allow');
    const expired = await authorizeDevice(app);
    await db.deviceAuthorization.update({ where: { deviceCodeHash: sha256(expired.device_code) }, data: { expiresAt: new Date(Date.now() - 1000) } });

    for (const code of ['BCDF-GHJK', 'not a code', expired.user_code, approved.user_code]) {
      await expect(startDeviceVerification(code, { locale: 'en' })).rejects.toMatchObject({
        code: 'invalid_user_code',
        status: 400,
        message: 'The code is invalid or has expired.',
      });
    }
  });
});

describe('device_code grant', () => {
  it('pending → slow_down → approved through the hosted flow → tokens → the code is spent', async () => {
    const app = await makeSpaApp();
    const user = await makeUser();
    const device = await authorizeDevice(app);

    await expect(poll(device.device_code, app.clientId)).rejects.toMatchObject({ code: 'authorization_pending', status: 400 });
    await expect(poll(device.device_code, app.clientId)).rejects.toMatchObject({ code: 'slow_down', status: 400 });
    const slowed = await db.deviceAuthorization.findUniqueOrThrow({ where: { deviceCodeHash: sha256(device.device_code) } });
    expect(slowed.intervalSec).toBe(10);
    await waitOutInterval(device.device_code);
    await expect(poll(device.device_code, app.clientId)).rejects.toMatchObject({ code: 'authorization_pending' });

    // The user types the code in lower case without the dash.
    const done = await userDecides(device.user_code.replace('-', '').toLowerCase(), user, 'allow');
    const result = new URL(done.location);
    expect(`${result.origin}${result.pathname}`).toBe(`${ISSUER}/identity/v1/device/complete`);
    expect(result.searchParams.get('result')).toBe('approved');
    expect(result.searchParams.get('locale')).toBe('zh-CN');
    expect(done.cookies.some((cookie) => cookie.name.startsWith(REQUEST_COOKIE_PREFIX) && cookie.maxAge === 0)).toBe(true);

    // Approved: tokens at once, however soon the poll comes.
    const tokens = await poll(device.device_code, app.clientId);
    expect(await verifyAccessToken(tokens.access_token)).toMatchObject({ sub: user.id, azp: app.clientId, scope: 'openid profile offline_access' });
    expect(tokens.id_token).toBeTruthy();
    expect(tokens.refresh_token).toBeTruthy();
    const refresh = await db.refreshToken.findFirstOrThrow({ where: { tokenHash: sha256(tokens.refresh_token!) } });
    expect(refresh.ssoSessionId).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).loginCount).toBe(1);

    await expect(poll(device.device_code, app.clientId)).rejects.toMatchObject({ code: 'invalid_grant' });
  });

  it('a denial answers access_denied', async () => {
    const app = await makeSpaApp();
    const device = await authorizeDevice(app);
    const done = await userDecides(device.user_code, await makeUser(), 'deny');
    expect(new URL(done.location).searchParams.get('result')).toBe('denied');
    await expect(poll(device.device_code, app.clientId)).rejects.toMatchObject({ code: 'access_denied', status: 400 });
    await expect(startDeviceVerification(device.user_code, { locale: 'en' })).rejects.toMatchObject({ code: 'invalid_user_code' });
  });

  it('an expired device code answers expired_token, and the user can no longer approve it', async () => {
    const app = await makeSpaApp();
    const user = await makeUser();
    const device = await authorizeDevice(app);
    const browser = browserOf(await startDeviceVerification(device.user_code, { locale: 'en' }));
    await db.deviceAuthorization.update({ where: { deviceCodeHash: sha256(device.device_code) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await db.authorizationRequest.update({ where: { id: browser.requestId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(poll(device.device_code, app.clientId)).rejects.toMatchObject({ code: 'expired_token', status: 400 });
    await expect(signInWithPassword(browser, { email: user.email!, password: user.password })).rejects.toMatchObject({ code: 'request_expired' });
    expect((await db.deviceAuthorization.findUniqueOrThrow({ where: { deviceCodeHash: sha256(device.device_code) } })).status).toBe('pending');
  });

  it('refuses another client, a missing client_id, an unknown code and S2S credentials', async () => {
    const app = await makeSpaApp();
    const other = await makeSpaApp();
    const device = await authorizeDevice(app);
    await expect(poll(device.device_code, other.clientId)).rejects.toMatchObject({ code: 'invalid_grant' });
    await expect(poll('made-up-device-code', app.clientId)).rejects.toMatchObject({ code: 'invalid_grant' });
    await expect(
      handleTokenRequest(new URLSearchParams({ grant_type: DEVICE_CODE_GRANT_TYPE, device_code: device.device_code }), null),
    ).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(handleTokenRequest(new URLSearchParams({ grant_type: DEVICE_CODE_GRANT_TYPE, client_id: app.clientId }), null)).rejects.toMatchObject({
      code: 'invalid_request',
    });
    const s2s = await makeS2sApp(['read_user']);
    await expect(
      handleTokenRequest(new URLSearchParams({ grant_type: DEVICE_CODE_GRANT_TYPE, device_code: device.device_code }), basic(s2s.clientId, s2s.clientSecret)),
    ).rejects.toMatchObject({ code: 'unauthorized_client' });
    // None of these counted as a poll of the real client.
    expect((await db.deviceAuthorization.findUniqueOrThrow({ where: { deviceCodeHash: sha256(device.device_code) } })).lastPolledAt).toBeNull();
  });

  it('answers RFC 8628 errors through the token route', async () => {
    const app = await makeSpaApp();
    const device = await authorizeDevice(app);
    const response = await tokenPOST(
      new NextRequest(`${ISSUER}/oauth2/v1/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: DEVICE_CODE_GRANT_TYPE, device_code: device.device_code, client_id: app.clientId }).toString(),
      }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'authorization_pending' });
  });
});

describe('device sign-in through the state machine', () => {
  it('reuses the SSO session but still asks consent, every time', async () => {
    const app = await makeSpaApp();
    const user = await makeUser();
    const first = await authorizeDevice(app);
    const entered = await startDeviceVerification(first.user_code, { locale: 'en' });
    const signedIn = await signInWithPassword(browserOf(entered), { email: user.email!, password: user.password });
    const ssoToken = signedIn.cookies.find((cookie) => cookie.name === SSO_COOKIE)?.value;
    expect(ssoToken).toBeTruthy();
    await decideConsent(browserOf(entered), 'allow');

    // Same user, same app, consent already stored: the second device still shows the consent screen.
    const second = await authorizeDevice(app);
    const reused = await startDeviceVerification(second.user_code, { ssoToken, locale: 'en' });
    expect(pathOf(reused.location)).toBe('/identity/v1/consent');
    const approved = await decideConsent(browserOf(reused), 'allow');
    expect(new URL(approved.location).searchParams.get('result')).toBe('approved');
    const tokens = await poll(second.device_code, app.clientId);
    expect((await verifyAccessToken(tokens.access_token)).sub).toBe(user.id);
  });

  it('issue 12 item 11: a first-party app (no consent screen elsewhere), with consent off and an SSO session, still asks to confirm', async () => {
    overrideConfigForTesting({ enableUserAppConsent: false });
    const app = await makeSpaApp({ skipConsent: true });
    const user = await makeUser();
    const first = await authorizeDevice(app, 'openid');
    const firstBrowser = browserOf(await startDeviceVerification(first.user_code, { locale: 'en' }));
    const signedIn = await signInWithPassword(firstBrowser, { email: user.email!, password: user.password });
    // The approval page (the consent step) names the app and the scopes and waits for the user.
    expect(pathOf(signedIn.location)).toBe('/identity/v1/consent');
    const view = await getConsentView(firstBrowser);
    expect(view.appName).toBe(app.name);
    expect(view.scopes.map((scope) => scope.name)).toEqual(['openid']);
    await expect(poll(first.device_code, app.clientId)).rejects.toMatchObject({ code: 'authorization_pending' });
    await decideConsent(firstBrowser, 'allow');
    const ssoToken = signedIn.cookies.find((cookie) => cookie.name === SSO_COOKIE)?.value;

    // A phished code opened by a user with a live SSO session: still the approval page, never silent.
    const device = await authorizeDevice(app, 'openid');
    const entered = await startDeviceVerification(device.user_code, { ssoToken, locale: 'ko' });
    expect(new URL(entered.location).searchParams.get('locale')).toBe('en');
    expect(pathOf(entered.location)).toBe('/identity/v1/consent');
    await expect(poll(device.device_code, app.clientId)).rejects.toMatchObject({ code: 'authorization_pending' });
    const done = await decideConsent(browserOf(entered, ssoToken), 'allow');
    expect(new URL(done.location).searchParams.get('result')).toBe('approved');
    overrideConfigForTesting({ enableUserAppConsent: true });
    const tokens = await poll(device.device_code, app.clientId);
    expect(tokens.refresh_token).toBeUndefined();
  });

  it('cannot approve from another browser than the one that entered the code', async () => {
    const app = await makeSpaApp({ skipConsent: true });
    const user = await makeUser();
    const device = await authorizeDevice(app);
    const browser = browserOf(await startDeviceVerification(device.user_code, { locale: 'en' }));
    await expect(signInWithPassword({ ...browser, bindingSecret: 'guessed' }, { email: user.email!, password: user.password })).rejects.toMatchObject({
      code: 'request_not_found',
    });
  });
});
