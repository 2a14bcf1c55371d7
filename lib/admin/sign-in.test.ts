import { describe, expect, it } from 'vitest';
import { DASHBOARD_CLIENT_ID } from '@/lib/apps/builtin';
import { encryptSecret } from '@/lib/crypto/encryption';
import { sha256 } from '@/lib/crypto/tokens';
import { db } from '@/lib/db';
import { REQUEST_COOKIE_PREFIX } from '@/lib/flow';
import { signInWithPassword } from '@/lib/identity/sign-in';
import { startAuthorization } from '@/lib/sign-in/start';
import { s256 } from '@/lib/oauth/pkce';
import { ensureSeeded, makeUser } from '@/lib/testing/factories';
import { endAdminSession, findAdminSession } from './session';
import { completeAdminSignIn, pendingSignInCookieName, safeReturnTo, startAdminSignIn } from './sign-in';
import { signInToDashboard } from './testing';
import { signInMachine } from '@/lib/sign-in/machine';

const SERVER = 'http://localhost:3999';

/** Runs the hosted sign-in for an authorization request URL; returns the callback URL it ends at. */
async function signInAt(authorizeUrl: string, user: { email: string | null; password: string }): Promise<URL> {
  const outcome = await startAuthorization(new URL(authorizeUrl).searchParams, {});
  const browser = {
    machine: signInMachine,
    requestId: new URL(outcome.location).searchParams.get('request') ?? '',
    bindingSecret: outcome.cookies.find((cookie) => cookie.name.startsWith(REQUEST_COOKIE_PREFIX))?.value,
    userAgent: 'vitest',
    ip: '',
  };
  const done = await signInWithPassword(browser, { email: user.email!, password: user.password });
  return new URL(done.location);
}

const complete = (query: URLSearchParams, cookie: { name: string; value: string } | ((name: string) => string | undefined)) =>
  completeAdminSignIn({
    query,
    readCookie: typeof cookie === 'function' ? cookie : (name) => (name === cookie.name ? cookie.value : undefined),
    userAgent: 'vitest',
    ip: '',
  });

describe('dashboard sign-in: the authorization request', () => {
  it('asks for a code for tessera-admin at its callback, with S256 PKCE, state and nonce kept in an encrypted Lax cookie', () => {
    const { location, cookie } = startAdminSignIn({ returnTo: '/admin/users?page=2', locale: 'zh-CN' });
    const url = new URL(location);
    expect(`${url.origin}${url.pathname}`).toBe(`${SERVER}/oauth2/v1/authorize`);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      response_type: 'code',
      client_id: DASHBOARD_CLIENT_ID,
      redirect_uri: `${SERVER}/admin/auth/callback`,
      scope: 'openid profile offline_access',
      code_challenge_method: 'S256',
      locale: 'zh-CN',
    });
    expect(params.state!.length).toBeGreaterThanOrEqual(32);
    expect(params.nonce!.length).toBeGreaterThanOrEqual(32);
    expect(params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie).toMatchObject({ name: pendingSignInCookieName(params.state!), httpOnly: true, sameSite: 'lax', path: '/admin/auth', maxAge: 600, secure: false });
    // the browser sees neither the verifier nor the nonce
    expect(cookie.value).not.toContain(params.nonce);
    expect(() => JSON.parse(cookie.value)).toThrow();
    // every sign-in has its own state, nonce and cookie
    const other = startAdminSignIn();
    expect(new URL(other.location).searchParams.get('state')).not.toBe(params.state);
    expect(other.cookie.name).not.toBe(cookie.name);
  });

  it('asks for an Account page policy when given one, and ignores any other policy', () => {
    const policyOf = (policy: string | null) => new URL(startAdminSignIn({ policy }).location).searchParams.get('policy');
    expect(policyOf('change_password')).toBe('change_password');
    expect(policyOf('manage_passkey')).toBe('manage_passkey');
    for (const other of ['delete_account', 'change_org', 'sign_in_or_sign_up', 'x', '', null]) expect(policyOf(other)).toBeNull();
  });

  it('returns only to dashboard paths of this server', () => {
    expect(safeReturnTo('/admin')).toBe('/admin');
    expect(safeReturnTo('/admin/users?page=2')).toBe('/admin/users?page=2');
    for (const unsafe of [
      null,
      '',
      'https://evil.example/admin',
      '//evil.example/admin',
      '/\\evil.example',
      '/identity/v1/sign-in',
      '/administrator',
      '/admin/auth/login',
      '/admin/auth/callback?code=x',
      '/admin/../oauth2/v1/logout',
    ]) {
      expect(safeReturnTo(unsafe), String(unsafe)).toBe('/admin');
    }
  });
});

describe('dashboard sign-in: the callback', () => {
  it('redeems the code server-side and opens a session bound to the refresh token and SSO session; no token reaches the browser', async () => {
    const user = await makeUser({ roles: ['super_admin'] });
    const signedIn = await signInToDashboard(user, { returnTo: '/admin/users' });
    expect(signedIn.location).toBe('/admin/users');
    expect(signedIn.callback.pathname).toBe('/admin/auth/callback');
    expect(signedIn.callback.searchParams.get('iss')).toBe(SERVER);
    // the cookie value is a random handle, not a JWT, and only its hash is stored
    expect(signedIn.cookie.split('.')).toHaveLength(1);
    const row = await db.adminSession.findUniqueOrThrow({ where: { id: signedIn.id } });
    expect(row.tokenHash).toBe(sha256(signedIn.cookie));
    expect(JSON.stringify(row)).not.toContain(signedIn.cookie);
    expect(row).toMatchObject({ userId: user.id, endedAt: null });
    const refresh = await db.refreshToken.findUniqueOrThrow({ where: { id: row.refreshTokenId! }, include: { app: true } });
    expect(refresh.app.clientId).toBe(DASHBOARD_CLIENT_ID);
    expect(refresh.userId).toBe(user.id);
    const sso = await db.ssoSession.findUniqueOrThrow({ where: { id: row.ssoSessionId! } });
    expect(sso.tokenHash).toBe(sha256(signedIn.ssoToken!));
    expect(row.expiresAt.getTime()).toBeLessThanOrEqual(Math.min(refresh.expiresAt.getTime(), Date.now() + 12 * 3600 * 1000));

    const view = await findAdminSession(signedIn.cookie);
    expect(view).toMatchObject({ userId: user.id, roles: ['super_admin'], scopes: ['root'] });
  });

  it('opens a session for a user without admin rights too (the dashboard says "no access"; the API refuses)', async () => {
    const user = await makeUser();
    const signedIn = await signInToDashboard(user);
    expect(await findAdminSession(signedIn.cookie)).toMatchObject({ userId: user.id, scopes: [] });
  });

  it('refuses a missing state, no pending cookie, a cookie of another sign-in, a forged or expired cookie', async () => {
    const user = await makeUser();
    const started = startAdminSignIn();
    const callback = await signInAt(started.location, user);
    const state = callback.searchParams.get('state')!;

    const noState = new URLSearchParams(callback.searchParams);
    noState.delete('state');
    await expect(complete(noState, started.cookie)).rejects.toMatchObject({ code: 'admin_sign_in_failed' });
    await expect(complete(callback.searchParams, () => undefined)).rejects.toMatchObject({ code: 'admin_sign_in_failed' });
    const another = startAdminSignIn();
    await expect(complete(callback.searchParams, () => another.cookie.value)).rejects.toMatchObject({ code: 'admin_sign_in_failed' });
    await expect(complete(callback.searchParams, () => started.cookie.value.slice(0, -4) + 'AAAA')).rejects.toMatchObject({ code: 'admin_sign_in_failed' });
    const forged = JSON.stringify({ purpose: 'tessera-admin-sign-in', state, nonce: 'n', verifier: 'v'.repeat(43), returnTo: '/admin', exp: 0 });
    await expect(complete(callback.searchParams, () => encryptSecret(forged))).rejects.toMatchObject({ code: 'admin_sign_in_failed' });
    // none of these consumed the code: the genuine cookie still works
    const session = await complete(callback.searchParams, started.cookie);
    expect(session.location).toBe('/admin');
  });

  it('refuses an authorization error, another issuer, and a replayed code (which revokes what it issued)', async () => {
    const user = await makeUser();
    const started = startAdminSignIn();
    const state = new URL(started.location).searchParams.get('state')!;
    const denied = new URLSearchParams({ state, error: 'access_denied', iss: SERVER });
    await expect(complete(denied, started.cookie)).rejects.toMatchObject({ code: 'admin_sign_in_failed' });

    const callback = await signInAt(started.location, user);
    const otherIssuer = new URLSearchParams(callback.searchParams);
    otherIssuer.set('iss', 'https://evil.example');
    await expect(complete(otherIssuer, started.cookie)).rejects.toMatchObject({ code: 'admin_sign_in_failed' });

    const first = await complete(callback.searchParams, started.cookie);
    expect(await findAdminSession(first.sessionToken)).not.toBeNull();
    await expect(complete(callback.searchParams, started.cookie)).rejects.toMatchObject({ code: 'invalid_grant' });
    // the replay revoked the first exchange's refresh token: that session is over too
    expect(await findAdminSession(first.sessionToken)).toBeNull();
  });

  it('checks PKCE and the ID token nonce against this sign-in', async () => {
    const user = await makeUser();
    // a code obtained with this sign-in's PKCE challenge but another nonce (or none)
    for (const nonce of ['another-nonce-0123456789abcdefghij', null]) {
      const started = startAdminSignIn();
      const tampered = new URL(started.location);
      if (nonce) tampered.searchParams.set('nonce', nonce);
      else tampered.searchParams.delete('nonce');
      const callback = await signInAt(tampered.toString(), user);
      await expect(complete(callback.searchParams, started.cookie)).rejects.toMatchObject({ code: 'admin_sign_in_failed', message: expect.stringContaining('nonce') });
    }
    // a code obtained with another verifier's challenge
    const started = startAdminSignIn();
    const swapped = new URL(started.location);
    swapped.searchParams.set('code_challenge', s256('x'.repeat(64)));
    const callback = await signInAt(swapped.toString(), user);
    await expect(complete(callback.searchParams, started.cookie)).rejects.toMatchObject({ code: 'invalid_grant' });
    expect(await db.adminSession.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe('dashboard logout (service)', () => {
  it('ends the session, revokes its refresh token and ends its SSO session; endSsoSession:false keeps the SSO session', async () => {
    await ensureSeeded();
    const user = await makeUser({ roles: ['super_admin'] });
    const first = await signInToDashboard(user);
    const row = await db.adminSession.findUniqueOrThrow({ where: { id: first.id } });
    await endAdminSession(first.cookie, { endSsoSession: false });
    expect(await findAdminSession(first.cookie)).toBeNull();
    expect((await db.refreshToken.findUniqueOrThrow({ where: { id: row.refreshTokenId! } })).revokedReason).toBe('logout');
    expect((await db.ssoSession.findUniqueOrThrow({ where: { id: row.ssoSessionId! } })).endedAt).toBeNull();

    const second = await signInToDashboard(user);
    const secondRow = await db.adminSession.findUniqueOrThrow({ where: { id: second.id } });
    await endAdminSession(second.cookie);
    expect((await db.adminSession.findUniqueOrThrow({ where: { id: second.id } })).endedAt).not.toBeNull();
    expect((await db.refreshToken.findUniqueOrThrow({ where: { id: secondRow.refreshTokenId! } })).revokedAt).not.toBeNull();
    expect((await db.ssoSession.findUniqueOrThrow({ where: { id: secondRow.ssoSessionId! } })).endedAt).not.toBeNull();
    await expect(endAdminSession('unknown')).resolves.toBeUndefined();
    await expect(endAdminSession(undefined)).resolves.toBeUndefined();
  });
});
