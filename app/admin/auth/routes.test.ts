import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { findAdminSession } from '@/lib/admin/session';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { REQUEST_COOKIE_PREFIX } from '@/lib/flow';
import { SSO_COOKIE } from '@/lib/identity/cookies';
import { signInWithPassword } from '@/lib/identity/sign-in';
import { startAuthorization } from '@/lib/sign-in/start';
import { endSession } from '@/lib/identity/logout';
import { makeUser } from '@/lib/testing/factories';
import { GET as callbackGET } from './callback/route';
import { GET as loginGET } from './login/route';
import { POST as logoutPOST } from './logout/route';
import { signInMachine } from '@/lib/sign-in/machine';

const SERVER = 'http://localhost:3999';

afterEach(() => resetConfigForTesting());

/** Set-Cookie headers of a response by cookie name: value and lower-cased attributes. */
function setCookies(response: Response) {
  const cookies = new Map<string, { value: string; attributes: string[] }>();
  for (const header of response.headers.getSetCookie()) {
    const [pair, ...attributes] = header.split(';').map((part) => part.trim());
    const index = pair!.indexOf('=');
    cookies.set(pair!.slice(0, index), { value: decodeURIComponent(pair!.slice(index + 1)), attributes: attributes.map((a) => a.toLowerCase()) });
  }
  return cookies;
}

const request = (path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
  new NextRequest(new URL(path, SERVER), init);

/** GET /admin/auth/login → hosted password sign-in → GET /admin/auth/callback, as a browser would. */
async function browserSignIn(user: { email: string | null; password: string }, loginPath = '/admin/auth/login') {
  const login = loginGET(request(loginPath));
  expect(login.status).toBe(302);
  const pending = [...setCookies(login)].find(([name]) => name.startsWith('tessera_admin_login_'))!;
  const outcome = await startAuthorization(new URL(login.headers.get('location')!).searchParams, {});
  const done = await signInWithPassword(
    {
      machine: signInMachine,
      requestId: new URL(outcome.location).searchParams.get('request') ?? '',
      bindingSecret: outcome.cookies.find((cookie) => cookie.name.startsWith(REQUEST_COOKIE_PREFIX))?.value,
      userAgent: 'vitest',
      ip: '',
    },
    { email: user.email!, password: user.password },
  );
  const callbackUrl = new URL(done.location);
  const callback = await callbackGET(request(`${callbackUrl.pathname}${callbackUrl.search}`, { headers: { cookie: `${pending[0]}=${pending[1].value}` } }));
  return { login, pending, callback, callbackUrl, ssoToken: done.cookies.find((cookie) => cookie.name === SSO_COOKIE)?.value };
}

describe('GET /admin/auth/login', () => {
  it('redirects to /authorize for tessera-admin and sets the pending sign-in cookie (HttpOnly, Lax, /admin/auth, 10 min)', () => {
    const response = loginGET(request('/admin/auth/login?returnTo=https://evil.example/', { headers: { 'x-tessera-locale': 'zh-CN' } }));
    expect(response.status).toBe(302);
    expect(response.headers.get('cache-control')).toContain('no-store');
    const location = new URL(response.headers.get('location')!);
    expect(location.pathname).toBe('/oauth2/v1/authorize');
    expect(location.searchParams.get('client_id')).toBe('tessera-admin');
    expect(location.searchParams.get('locale')).toBe('zh-CN');
    const [[name, cookie]] = [...setCookies(response)];
    expect(name).toMatch(/^tessera_admin_login_/);
    expect(cookie!.attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/admin/auth', 'max-age=600']));
    expect(cookie!.attributes).not.toContain('secure');
  });
});

describe('GET /admin/auth/callback', () => {
  it('sets the session cookie (HttpOnly, SameSite=Strict, path /, browser-session), clears the pending one and goes to returnTo', async () => {
    const user = await makeUser({ roles: ['super_admin'] });
    const { callback, pending } = await browserSignIn(user, '/admin/auth/login?returnTo=/admin/users');
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe(`${SERVER}/admin/users`);
    const cookies = setCookies(callback);
    const session = cookies.get('tessera_admin')!;
    expect(session.attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']));
    expect(session.attributes.some((a) => a.startsWith('max-age') || a.startsWith('expires'))).toBe(false);
    expect(session.attributes).not.toContain('secure');
    expect(cookies.get(pending[0])!.attributes).toContain('max-age=0');
    expect(await findAdminSession(session.value)).toMatchObject({ userId: user.id, scopes: ['root'] });
    // nothing token-like in the response
    expect(JSON.stringify([...callback.headers])).not.toMatch(/eyJ/);
  });

  it('is __Host-tessera_admin and Secure when AUTH_SERVER_URL is https', async () => {
    overrideConfigForTesting({ secureCookies: true });
    const user = await makeUser({ roles: ['super_admin'] });
    const { callback, pending } = await browserSignIn(user);
    expect(pending[1].attributes).toContain('secure');
    const session = setCookies(callback).get('__Host-tessera_admin')!;
    expect(session.attributes).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=strict', 'path=/']));
  });

  it('ends the session this browser held before, keeping the SSO session', async () => {
    const user = await makeUser({ roles: ['super_admin'] });
    const first = setCookies((await browserSignIn(user)).callback).get('tessera_admin')!.value;
    const login = loginGET(request('/admin/auth/login'));
    const pending = [...setCookies(login)][0]!;
    const { ssoToken } = await browserSignIn(user);
    // sign in again through the live SSO session, with the old session cookie still sent
    const outcome = await startAuthorization(new URL(login.headers.get('location')!).searchParams, { ssoToken });
    const callbackUrl = new URL(outcome.location);
    const callback = await callbackGET(
      request(`${callbackUrl.pathname}${callbackUrl.search}`, { headers: { cookie: `${pending[0]}=${pending[1].value}; tessera_admin=${first}` } }),
    );
    expect(callback.status).toBe(303);
    expect(await findAdminSession(first)).toBeNull();
    expect(await findAdminSession(setCookies(callback).get('tessera_admin')!.value)).not.toBeNull();
  });

  it('sends failures to the localized error page with a reason code, and clears the pending cookie', async () => {
    const login = loginGET(request('/admin/auth/login'));
    const [name, pending] = [...setCookies(login)][0]!;
    const state = new URL(login.headers.get('location')!).searchParams.get('state')!;
    const denied = await callbackGET(
      request(`/admin/auth/callback?state=${state}&error=access_denied&iss=${encodeURIComponent(SERVER)}`, { headers: { cookie: `${name}=${pending.value}` } }),
    );
    expect(denied.status).toBe(303);
    expect(denied.headers.get('location')).toBe(`${SERVER}/admin/auth/error?reason=access_denied`);
    expect(setCookies(denied).get(name)!.attributes).toContain('max-age=0');
    expect(setCookies(denied).has('tessera_admin')).toBe(false);

    const noCookie = await callbackGET(request(`/admin/auth/callback?state=${state}&code=abc`));
    expect(noCookie.headers.get('location')).toBe(`${SERVER}/admin/auth/error?reason=admin_sign_in_failed`);
  });
});

describe('POST /admin/auth/logout', () => {
  async function signedIn() {
    const user = await makeUser({ roles: ['super_admin'] });
    const { callback } = await browserSignIn(user);
    const token = setCookies(callback).get('tessera_admin')!.value;
    const session = (await findAdminSession(token))!;
    return { user, token, session };
  }

  const logout = (token: string, options: { origin?: string; csrf?: string; header?: string } = {}) =>
    logoutPOST(
      request('/admin/auth/logout', {
        method: 'POST',
        headers: {
          cookie: `tessera_admin=${token}`,
          'content-type': 'application/x-www-form-urlencoded',
          ...(options.origin !== undefined ? (options.origin ? { origin: options.origin } : {}) : { origin: SERVER }),
          ...(options.header ? { 'x-tessera-csrf': options.header } : {}),
        },
        body: options.csrf !== undefined ? new URLSearchParams({ csrf: options.csrf }).toString() : '',
      }),
    );

  it('refuses another origin, no origin, or a missing/wrong CSRF token, and keeps the session', async () => {
    const { token, session } = await signedIn();
    for (const options of [{ origin: 'https://evil.example', csrf: session.csrfToken }, { origin: '', csrf: session.csrfToken }, {}, { csrf: 'wrong' }]) {
      const response = await logout(token, options);
      expect(response.status, JSON.stringify(options)).toBe(403);
    }
    expect(await findAdminSession(token)).not.toBeNull();
  });

  it('ends the session, revokes its refresh token, ends the SSO session, clears the cookie and goes through RP-initiated logout back to /admin', async () => {
    const { token, session } = await signedIn();
    const row = await db.adminSession.findUniqueOrThrow({ where: { id: session.id } });
    const response = await logout(token, { csrf: session.csrfToken });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(`${SERVER}/oauth2/v1/logout`);
    const { id_token_hint: hint, ...params } = Object.fromEntries(location.searchParams);
    expect(params).toEqual({
      client_id: 'tessera-admin',
      post_logout_redirect_uri: `${SERVER}/admin`,
      state: 'signed_out',
    });
    expect(setCookies(response).get('tessera_admin')!.attributes).toContain('max-age=0');
    expect(await findAdminSession(token)).toBeNull();
    expect((await db.refreshToken.findUniqueOrThrow({ where: { id: row.refreshTokenId! } })).revokedAt).not.toBeNull();
    expect((await db.ssoSession.findUniqueOrThrow({ where: { id: row.ssoSessionId! } })).endedAt).not.toBeNull();
    // the end-session endpoint trusts the dashboard's registered post-logout URI
    // (the session's signed hint spares the confirmation page: issue 12 item 12)
    const ended = await endSession(
      { idTokenHint: hint, clientId: 'tessera-admin', postLogoutRedirectUri: `${SERVER}/admin`, state: 'signed_out' },
      { confirmed: false },
    );
    expect(ended.location).toBe(`${SERVER}/admin?state=signed_out`);
  });

  it('accepts the CSRF token as X-Tessera-CSRF, and lets an already ended session log out', async () => {
    const { token, session } = await signedIn();
    expect((await logout(token, { header: session.csrfToken })).status).toBe(303);
    expect((await logout(token)).status).toBe(303);
  });
});
