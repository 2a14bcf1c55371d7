import { decodeJwt, decodeProtectedHeader } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { overrideConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { AuthorizePageError, AuthorizeRedirectError } from '@/lib/oauth/authorize-request';
import { handleTokenRequest } from '@/lib/oauth/token-endpoint';
import { getUserInfo } from '@/lib/oauth/userinfo';
import { verifyAccessToken } from '@/lib/oauth/jwt';
import { authorizeParams, makePkce, makeSpaApp, makeUser } from '@/lib/testing/factories';
import { REQUEST_COOKIE_PREFIX } from '@/lib/flow';
import { SSO_COOKIE } from './cookies';
import { decideConsent, getConsentView } from './consent';
import { signInWithPassword } from './sign-in';
import { startAuthorization } from '@/lib/sign-in/start';
import { type FlowOutcome } from '@/lib/flow';
import { signInMachine } from '@/lib/sign-in/machine';

beforeAll(() => overrideConfigForTesting({ enableUserAppConsent: true, serverSessionExpiresIn: 1800 }));

function browserOf(outcome: FlowOutcome) {
  const url = new URL(outcome.location);
  const requestId = url.searchParams.get('request')!;
  const secret = outcome.cookies.find((cookie) => cookie.name.startsWith(REQUEST_COOKIE_PREFIX))?.value;
  return { machine: signInMachine, requestId, bindingSecret: secret, userAgent: 'vitest', ip: '' };
}

async function signInAndConsent(app: Awaited<ReturnType<typeof makeSpaApp>>, user: Awaited<ReturnType<typeof makeUser>>, extra: Record<string, string> = {}) {
  const pkce = makePkce();
  const params = authorizeParams(app, pkce, extra);
  const started = await startAuthorization(params, {});
  expect(new URL(started.location).pathname).toBe('/identity/v1/sign-in');
  const browser = browserOf(started);
  const signedIn = await signInWithPassword(browser, { email: user.email!, password: user.password });
  expect(new URL(signedIn.location).pathname).toBe('/identity/v1/consent');
  const consented = await decideConsent(browser, 'allow');
  const callback = new URL(consented.location);
  const ssoToken = signedIn.cookies.find((cookie) => cookie.name === SSO_COOKIE)?.value;
  return { callback, pkce, params, ssoToken };
}

function tokenForm(fields: Record<string, string>) {
  return new URLSearchParams(fields);
}

describe('authorization code flow', () => {
  it('signs in, asks consent and issues verifiable tokens for a public SPA client', async () => {
    const app = await makeSpaApp();
    const user = await makeUser();
    const { callback, pkce, params } = await signInAndConsent(app, user, { nonce: 'n-123' });

    expect(`${callback.origin}${callback.pathname}`).toBe(app.redirectUri);
    expect(callback.searchParams.get('state')).toBe(params.get('state'));
    expect(callback.searchParams.get('iss')).toBe('http://localhost:3999');
    const code = callback.searchParams.get('code')!;
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const tokens = await handleTokenRequest(
      tokenForm({ grant_type: 'authorization_code', code, code_verifier: pkce.verifier, redirect_uri: app.redirectUri }),
      null,
    );
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.expires_on - tokens.not_before).toBe(tokens.expires_in);
    expect(tokens.refresh_token).toBeTruthy();
    expect(tokens.refresh_token_expires_in).toBe(604800);

    const access = await verifyAccessToken(tokens.access_token);
    expect(access).toMatchObject({ sub: user.id, azp: app.clientId, client_id: app.clientId, aud: app.clientId, roles: [] });
    expect(access.scope).toBe('openid profile offline_access');
    expect(decodeProtectedHeader(tokens.access_token).typ).toBe('at+jwt');

    const idToken = decodeJwt(tokens.id_token!);
    expect(idToken).toMatchObject({ sub: user.id, aud: app.clientId, nonce: 'n-123', email: user.email, email_verified: true, amr: ['pwd'] });
    expect(typeof idToken.auth_time).toBe('number');

    const info = await getUserInfo(tokens.access_token);
    expect(info).toMatchObject({ sub: user.id, authId: user.id, email: user.email, firstName: 'Test', lastName: 'User', roles: [] });

    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.loginCount).toBe(1);
  });

  it('stores codes, refresh tokens and SSO sessions only as hashes', async () => {
    const app = await makeSpaApp();
    const user = await makeUser();
    const { callback, pkce, ssoToken } = await signInAndConsent(app, user);
    const code = callback.searchParams.get('code')!;
    const tokens = await handleTokenRequest(tokenForm({ grant_type: 'authorization_code', code, code_verifier: pkce.verifier }), null);
    const rows = JSON.stringify([
      await db.authorizationCode.findMany({ where: { userId: user.id } }),
      await db.refreshToken.findMany({ where: { userId: user.id } }),
      await db.ssoSession.findMany({ where: { userId: user.id } }),
    ]);
    expect(rows).not.toContain(code);
    expect(rows).not.toContain(tokens.refresh_token!);
    expect(rows).not.toContain(ssoToken!);
  });

  it('replaying a code fails and revokes the refresh tokens the first exchange issued', async () => {
    const app = await makeSpaApp();
    const user = await makeUser();
    const { callback, pkce } = await signInAndConsent(app, user);
    const form = tokenForm({ grant_type: 'authorization_code', code: callback.searchParams.get('code')!, code_verifier: pkce.verifier });
    const first = await handleTokenRequest(form, null);
    await expect(handleTokenRequest(form, null)).rejects.toMatchObject({ code: 'invalid_grant' });
    await expect(handleTokenRequest(tokenForm({ grant_type: 'refresh_token', refresh_token: first.refresh_token! }), null)).rejects.toMatchObject({
      code: 'invalid_grant',
    });
  });

  it.each([
    ['wrong verifier', { code_verifier: 'x'.repeat(43) }, 'invalid_grant'],
    ['missing verifier', { code_verifier: undefined }, 'invalid_request'],
    ['another redirect_uri', { redirect_uri: 'https://other.example.test/callback' }, 'invalid_grant'],
    ['another client', { client_id: 'someone-else' }, 'invalid_grant'],
  ])('refuses the exchange with a %s and leaves the code usable', async (_name, change, error) => {
    const app = await makeSpaApp();
    const user = await makeUser();
    const { callback, pkce } = await signInAndConsent(app, user);
    const fields: Record<string, string | undefined> = { grant_type: 'authorization_code', code: callback.searchParams.get('code')!, code_verifier: pkce.verifier, ...change };
    const bad = Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined));
    await expect(handleTokenRequest(tokenForm(bad), null)).rejects.toMatchObject({ code: error });
    const good = await handleTokenRequest(tokenForm({ grant_type: 'authorization_code', code: callback.searchParams.get('code')!, code_verifier: pkce.verifier }), null);
    expect(good.access_token).toBeTruthy();
  });

  it('refuses an expired code', async () => {
    const app = await makeSpaApp();
    const user = await makeUser();
    const { callback, pkce } = await signInAndConsent(app, user);
    await db.authorizationCode.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(
      handleTokenRequest(tokenForm({ grant_type: 'authorization_code', code: callback.searchParams.get('code')!, code_verifier: pkce.verifier }), null),
    ).rejects.toMatchObject({ code: 'invalid_grant' });
  });

  it('answers malformed token requests with RFC 6749 errors', async () => {
    await expect(handleTokenRequest(tokenForm({}), null)).rejects.toMatchObject({ code: 'invalid_request', status: 400 });
    await expect(handleTokenRequest(tokenForm({ grant_type: 'password' }), null)).rejects.toMatchObject({ code: 'unsupported_grant_type' });
    await expect(handleTokenRequest(tokenForm({ grant_type: 'authorization_code' }), null)).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(handleTokenRequest(tokenForm({ grant_type: 'authorization_code', code: 'nope', code_verifier: 'x'.repeat(43) }), null)).rejects.toMatchObject({
      code: 'invalid_grant',
    });
    const repeated = new URLSearchParams('grant_type=authorization_code&code=a&code=b');
    await expect(handleTokenRequest(repeated, null)).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('a wrong password fails like an unknown email and changes nothing', async () => {
    const app = await makeSpaApp();
    const user = await makeUser();
    const started = await startAuthorization(authorizeParams(app, makePkce()), {});
    const browser = browserOf(started);
    await expect(signInWithPassword(browser, { email: user.email!, password: 'wrong-password' })).rejects.toMatchObject({ code: 'invalid_credentials' });
    await expect(signInWithPassword(browser, { email: 'nobody@example.test', password: 'wrong-password' })).rejects.toMatchObject({ code: 'invalid_credentials' });
    const request = await db.authorizationRequest.findUniqueOrThrow({ where: { id: browser.requestId } });
    expect(request.userId).toBeNull();
  });

  it('refuses a request continued from another browser', async () => {
    const app = await makeSpaApp();
    const user = await makeUser();
    const browser = browserOf(await startAuthorization(authorizeParams(app, makePkce()), {}));
    await expect(signInWithPassword({ ...browser, bindingSecret: 'stolen' }, { email: user.email!, password: user.password })).rejects.toMatchObject({
      code: 'request_not_found',
    });
    await expect(signInWithPassword({ ...browser, bindingSecret: undefined }, { email: user.email!, password: user.password })).rejects.toMatchObject({
      code: 'request_not_found',
    });
  });

  it('cannot skip sign-in by calling the consent step', async () => {
    const app = await makeSpaApp();
    const browser = browserOf(await startAuthorization(authorizeParams(app, makePkce()), {}));
    await expect(decideConsent(browser, 'allow')).rejects.toMatchObject({ code: 'wrong_step' });
  });

  it('denied consent returns access_denied to the client', async () => {
    const app = await makeSpaApp();
    const user = await makeUser();
    const params = authorizeParams(app, makePkce());
    const browser = browserOf(await startAuthorization(params, {}));
    await signInWithPassword(browser, { email: user.email!, password: user.password });
    const view = await getConsentView(browser);
    expect(view.scopes.map((scope) => scope.name)).toEqual(['openid', 'profile', 'offline_access']);
    expect(view.scopes[1]!.description).toMatch(/profile/i);
    const denied = new URL((await decideConsent(browser, 'deny')).location);
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('state')).toBe(params.get('state'));
  });

  it('skips consent for first-party apps and when consent is switched off', async () => {
    const user = await makeUser();
    const firstParty = await makeSpaApp({ skipConsent: true });
    const browser = browserOf(await startAuthorization(authorizeParams(firstParty, makePkce()), {}));
    const signedIn = await signInWithPassword(browser, { email: user.email!, password: user.password });
    expect(new URL(signedIn.location).searchParams.get('code')).toBeTruthy();

    overrideConfigForTesting({ enableUserAppConsent: false });
    try {
      const app = await makeSpaApp();
      const other = browserOf(await startAuthorization(authorizeParams(app, makePkce()), {}));
      const done = await signInWithPassword(other, { email: user.email!, password: user.password });
      expect(new URL(done.location).searchParams.get('code')).toBeTruthy();
    } finally {
      overrideConfigForTesting({ enableUserAppConsent: true });
    }
  });

  it('reuses the SSO session for a second app without asking for credentials again', async () => {
    const user = await makeUser();
    const first = await makeSpaApp();
    const { ssoToken } = await signInAndConsent(first, user);
    const second = await makeSpaApp({ skipConsent: true });
    const outcome = await startAuthorization(authorizeParams(second, makePkce()), { ssoToken });
    expect(new URL(outcome.location).origin + new URL(outcome.location).pathname).toBe(second.redirectUri);
    expect(new URL(outcome.location).searchParams.get('code')).toBeTruthy();

    const forced = await startAuthorization(authorizeParams(second, makePkce(), { prompt: 'login' }), { ssoToken });
    expect(new URL(forced.location).pathname).toBe('/identity/v1/sign-in');
  });

  it('prompt=none answers login_required without a session', async () => {
    const app = await makeSpaApp();
    const params = authorizeParams(app, makePkce(), { prompt: 'none' });
    const error = await startAuthorization(params, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthorizeRedirectError);
    const location = new URL((error as AuthorizeRedirectError).location);
    expect(location.searchParams.get('error')).toBe('login_required');
    expect(location.searchParams.get('state')).toBe(params.get('state'));
  });
});

describe('authorize request validation', () => {
  it('shows an error page, never a redirect, for an unknown client or unregistered redirect URI', async () => {
    const app = await makeSpaApp();
    const pkce = makePkce();
    const unknownClient = authorizeParams({ ...app, clientId: 'does-not-exist' }, pkce);
    await expect(startAuthorization(unknownClient, {})).rejects.toBeInstanceOf(AuthorizePageError);
    await expect(startAuthorization(unknownClient, {})).rejects.toMatchObject({ code: 'invalid_client' });
    for (const redirectUri of [`${app.redirectUri}/`, app.redirectUri.toUpperCase(), `${app.redirectUri}?x=1`, 'https://evil.example/cb']) {
      await expect(startAuthorization(authorizeParams({ ...app, redirectUri }, pkce), {})).rejects.toMatchObject({ code: 'invalid_redirect_uri' });
    }
  });

  it.each([
    ['missing state', { state: '' }, 'invalid_request'],
    ['response_type token', { response_type: 'token' }, 'unsupported_response_type'],
    ['missing PKCE', { code_challenge: '' }, 'invalid_request'],
    ['plain PKCE', { code_challenge_method: 'plain' }, 'invalid_request'],
    ['unknown scope', { scope: 'openid admin_everything' }, 'invalid_scope'],
    ['S2S scope on a SPA', { scope: 'openid root' }, 'invalid_scope'],
    ['bad prompt', { prompt: 'none login' }, 'invalid_request'],
    ['bad max_age', { max_age: '-1' }, 'invalid_request'],
    ['oversized parameter', { nonce: 'n'.repeat(5000) }, 'invalid_request'],
    ['request object', { request: 'eyJ' }, 'request_not_supported'],
  ])('redirects %s back to the client as %s', async (_name, change, error) => {
    const app = await makeSpaApp();
    const params = authorizeParams(app, makePkce());
    for (const [key, value] of Object.entries(change)) {
      if (value === '') params.delete(key);
      else params.set(key, value);
    }
    const caught = await startAuthorization(params, {}).catch((thrown: unknown) => thrown);
    expect(caught).toBeInstanceOf(AuthorizeRedirectError);
    const location = new URL((caught as AuthorizeRedirectError).location);
    expect(`${location.origin}${location.pathname}`).toBe(app.redirectUri);
    expect(location.searchParams.get('error')).toBe(error);
    expect(await db.authorizationRequest.count({ where: { app: { clientId: app.clientId } } })).toBe(0);
  });

  it('rejects repeated parameters', async () => {
    const app = await makeSpaApp();
    const params = authorizeParams(app, makePkce());
    params.append('scope', 'openid');
    await expect(startAuthorization(params, {})).rejects.toMatchObject({ code: 'invalid_request' });
  });
});
