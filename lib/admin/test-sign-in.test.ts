import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { REQUEST_COOKIE_PREFIX } from '@/lib/flow';
import { signInWithPassword } from '@/lib/identity/sign-in';
import { startAuthorization } from '@/lib/sign-in/start';
import { makeS2sApp, makeSpaApp, makeUser } from '@/lib/testing/factories';
import { findAdminSession, type AdminSessionView } from './session';
import {
  completeTestSignIn,
  pendingTestCookieName,
  readTestSignInResult,
  startTestSignIn,
  TEST_SIGN_IN_RESULT_COOKIE,
  testSignInCallbackUrl,
  TestSignInError,
  type TestSignInCookie,
} from './test-sign-in';
import { makeAdminSession } from './testing';
import { signInMachine } from '@/lib/sign-in/machine';

async function adminSession(roles: string[] = ['super_admin']): Promise<{ session: AdminSessionView; user: Awaited<ReturnType<typeof makeUser>> }> {
  const user = await makeUser({ roles });
  const { cookie } = await makeAdminSession(user.id);
  return { session: (await findAdminSession(cookie))!, user };
}

/** The hosted password sign-in for an authorization request; returns the redirect it ends with (the callback). */
async function signInAt(authorizeUrl: string, user: { email: string | null; password: string }): Promise<URL> {
  const outcome = await startAuthorization(new URL(authorizeUrl).searchParams, {});
  const browser = {
    machine: signInMachine,
    requestId: new URL(outcome.location).searchParams.get('request') ?? '',
    bindingSecret: outcome.cookies.find((cookie) => cookie.name.startsWith(REQUEST_COOKIE_PREFIX))?.value,
    userAgent: 'vitest',
    ip: '',
  };
  return new URL((await signInWithPassword(browser, { email: user.email!, password: user.password })).location);
}

const reasonOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: unknown) => (error instanceof TestSignInError ? error.reason : String(error)));
const cookieReader = (cookie: TestSignInCookie | null) => (name: string) => (cookie && name === cookie.name ? cookie.value : undefined);

describe('an app’s test sign-in', () => {
  it('starts only for a session with read_app, for an active SPA that lists the test callback', async () => {
    const { session } = await adminSession();
    const { session: noRights } = await adminSession([]);
    const spa = await makeSpaApp({ redirectUris: [testSignInCallbackUrl()] });
    const without = await makeSpaApp();
    const s2s = await makeS2sApp();
    const inactive = await makeSpaApp({ redirectUris: [testSignInCallbackUrl()] });
    await db.app.update({ where: { id: inactive.id }, data: { isActive: false } });

    expect(await reasonOf(startTestSignIn({ session: noRights, appId: spa.id }))).toBe('not_allowed');
    expect(await reasonOf(startTestSignIn({ session, appId: '00000000-0000-4000-8000-000000000000' }))).toBe('app_not_found');
    expect(await reasonOf(startTestSignIn({ session, appId: 'not-an-id' }))).toBe('app_not_found');
    expect(await reasonOf(startTestSignIn({ session, appId: s2s.id }))).toBe('not_spa');
    expect(await reasonOf(startTestSignIn({ session, appId: inactive.id }))).toBe('app_inactive');
    expect(await reasonOf(startTestSignIn({ session, appId: without.id }))).toBe('callback_not_registered');

    const { location, cookie } = await startTestSignIn({ session, appId: spa.id, locale: 'fr' });
    const params = Object.fromEntries(new URL(location).searchParams);
    expect(params).toMatchObject({ client_id: spa.clientId, redirect_uri: testSignInCallbackUrl(), scope: 'openid profile', code_challenge_method: 'S256', locale: 'fr' });
    expect(params.state!.length).toBeGreaterThanOrEqual(32);
    expect(params.nonce!.length).toBeGreaterThanOrEqual(32);
    expect(cookie).toMatchObject({ name: pendingTestCookieName(params.state!), httpOnly: true, sameSite: 'lax', path: '/admin/test-sign-in', maxAge: 600 });
    // the browser can read neither the verifier nor the nonce
    expect(cookie.value).not.toContain(params.nonce);
    expect(() => JSON.parse(cookie.value)).toThrow();
  });

  it('redeems the code of the session’s own test and returns the verified ID token claims, for that session only', async () => {
    const { session, user } = await adminSession();
    const { session: otherSession } = await adminSession();
    const app = await makeSpaApp({ redirectUris: [testSignInCallbackUrl()], skipConsent: true });
    const started = await startTestSignIn({ session, appId: app.id });
    const callback = await signInAt(started.location, user);
    expect(`${callback.origin}${callback.pathname}`).toBe(testSignInCallbackUrl());

    const { result, cookie } = await completeTestSignIn({ session, query: callback.searchParams, readCookie: cookieReader(started.cookie) });
    expect(result.outcome.ok).toBe(true);
    const claims = (result.outcome as { claims: Record<string, unknown> }).claims;
    expect(claims).toMatchObject({ sub: user.id, aud: app.clientId, email: user.email, nonce: new URL(started.location).searchParams.get('nonce') });
    expect(result).toMatchObject({ appId: app.id, appName: app.name });
    // no refresh token was asked for
    expect(await db.refreshToken.count({ where: { userId: user.id, appId: app.id } })).toBe(0);

    expect(cookie).toMatchObject({ name: TEST_SIGN_IN_RESULT_COOKIE, httpOnly: true, sameSite: 'strict', maxAge: 120 });
    expect(readTestSignInResult(cookie!.value, session)).toEqual(result);
    expect(readTestSignInResult(cookie!.value, otherSession)).toBeNull();
    expect(readTestSignInResult(`${cookie!.value.slice(0, -4)}AAAA`, session)).toBeNull();
  });

  it('never redeems a code that reaches the callback without the session’s pending test (attack: a crafted request, a stolen cookie, a forged cookie)', async () => {
    const { session, user } = await adminSession();
    const { session: attacker } = await adminSession();
    const app = await makeSpaApp({ redirectUris: [testSignInCallbackUrl()], skipConsent: true });
    const started = await startTestSignIn({ session, appId: app.id });
    const callback = await signInAt(started.location, user);
    const code = callback.searchParams.get('code')!;

    for (const attempt of [
      { session, readCookie: cookieReader(null) }, // no pending test in this browser
      { session: null, readCookie: cookieReader(started.cookie) }, // no dashboard session
      { session: attacker, readCookie: cookieReader(started.cookie) }, // another admin's session with the cookie
      { session, readCookie: cookieReader({ ...started.cookie, value: `${started.cookie.value.slice(0, -4)}AAAA` }) }, // forged
    ]) {
      const { result } = await completeTestSignIn({ ...attempt, query: callback.searchParams });
      expect(result).toEqual({ appId: '', appName: '', outcome: { ok: false, reason: 'no_pending_test', detail: expect.any(String) } });
    }
    // the code was never used: the legitimate test still redeems it
    const row = await db.authorizationCode.findFirst({ where: { appId: app.id }, orderBy: { createdAt: 'desc' } });
    expect(row?.usedAt).toBeNull();
    const { result } = await completeTestSignIn({ session, query: callback.searchParams, readCookie: cookieReader(started.cookie) });
    expect(result.outcome.ok).toBe(true);
    expect(code).toBeTruthy();
  });

  it('reports an authorization error (access_denied) without redeeming anything', async () => {
    const { session } = await adminSession();
    const app = await makeSpaApp({ redirectUris: [testSignInCallbackUrl()] });
    const started = await startTestSignIn({ session, appId: app.id });
    const state = new URL(started.location).searchParams.get('state')!;
    const { result } = await completeTestSignIn({ session, query: new URLSearchParams({ state, error: 'access_denied' }), readCookie: cookieReader(started.cookie) });
    expect(result.outcome).toEqual({ ok: false, reason: 'authorization_failed', detail: 'access_denied' });
  });
});
