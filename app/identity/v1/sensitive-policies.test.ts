// Issue 12 over HTTP, the policies that change credentials or sessions:
// - item 7: they need a fresh sign-in (made in the request, within SENSITIVE_ACTION_MAX_AGE): an
//   SSO session is never enough, and a sign-in that grew too old is asked again.
// - item 15: change_password ends the user's other sessions and revokes refresh tokens, as a
//   password reset does (whoever knew the old password is out).
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GET as authorizeGET } from '@/app/oauth2/v1/authorize/route';
import { POST as policyAction } from '@/app/identity/v1/policy/[action]/route';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { requestCookieName } from '@/lib/flow';
import { signInWithPassword } from '@/lib/identity/sign-in';
import { handleTokenRequest } from '@/lib/oauth/token-endpoint';
import { SSO_COOKIE } from '@/lib/identity/cookies';
import { SENSITIVE_POLICIES } from '@/lib/identity/policies/steps';
import { authorizeParams, issueUserTokens, makePkce, makeSpaApp, makeUser } from '@/lib/testing/factories';
import { startFlow, type TestBrowser } from '@/lib/testing/flows';

const BASE = 'http://localhost:3999';

function action(name: string, body: Record<string, unknown>, browser: TestBrowser) {
  const request = new NextRequest(`${BASE}/identity/v1/policy/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: BASE, cookie: `${requestCookieName(browser.requestId)}=${browser.bindingSecret}` },
    body: JSON.stringify({ requestId: browser.requestId, ...body }),
  });
  return policyAction(request, { params: Promise.resolve({ action: name }) });
}

beforeEach(() =>
  overrideConfigForTesting({
    enableUserAppConsent: false,
    emailVerificationMode: 'none',
    otpMfaIsRequired: false,
    emailMfaIsRequired: false,
    smsMfaIsRequired: false,
    enforceOneMfaEnrollment: [],
    enablePasswordReset: true,
    enablePasswordSignIn: true,
    blockedPolicies: [],
    serverSessionExpiresIn: 1800,
  }),
);
afterEach(() => resetConfigForTesting());

function authorize(params: URLSearchParams, ssoToken: string) {
  return authorizeGET(new NextRequest(`${BASE}/oauth2/v1/authorize?${params}`, { headers: { cookie: `${SSO_COOKIE}=${ssoToken}` } }));
}

const MINUTE = 60_000;

describe('issue 12 item 7: fresh sign-in for sensitive changes', { timeout: 90_000 }, () => {
  it('issue 12 item 7: an SSO session older than the window reaching policy=change_password is asked to sign in again', async () => {
    const user = await makeUser();
    const app = await makeSpaApp({ skipConsent: true });
    const { ssoToken } = await issueUserTokens(app, user);
    // The session's sign-in was 10 minutes ago (SENSITIVE_ACTION_MAX_AGE: 5 minutes).
    await db.ssoSession.updateMany({ where: { userId: user.id }, data: { authTime: new Date(Date.now() - 10 * MINUTE) } });
    const response = await authorize(authorizeParams(app, makePkce(), { policy: 'change_password' }), ssoToken!);
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get('location')!).pathname).toBe('/identity/v1/sign-in');
  });

  it('issue 12 item 7: no sensitive policy reuses an SSO session, however young; the others still do', async () => {
    const user = await makeUser();
    const app = await makeSpaApp({ skipConsent: true });
    const { ssoToken } = await issueUserTokens(app, user);
    overrideConfigForTesting({ allowPasskeyEnrollment: true, enableRecoveryCode: true });
    for (const policy of SENSITIVE_POLICIES) {
      const response = await authorize(authorizeParams(app, makePkce(), { policy }), ssoToken!);
      expect(new URL(response.headers.get('location')!).pathname, policy).toBe('/identity/v1/sign-in');
    }
    const updateInfo = await authorize(authorizeParams(app, makePkce(), { policy: 'update_info' }), ssoToken!);
    expect(new URL(updateInfo.headers.get('location')!).pathname).toBe('/identity/v1/update-info');
  });

  it('issue 12 item 7: a sign-in that grew older than SENSITIVE_ACTION_MAX_AGE during the request is asked again before the change', async () => {
    const user = await makeUser();
    const browser = await startFlow({ params: { policy: 'change_password' } });
    await signInWithPassword(browser, { email: user.email!, password: user.password });
    // The change-password page stayed open 6 minutes.
    await db.authorizationRequest.update({
      where: { id: browser.requestId },
      data: { createdAt: new Date(Date.now() - 10 * MINUTE), authTime: new Date(Date.now() - 6 * MINUTE) },
    });
    const stale = await action('change-password', { currentPassword: user.password, newPassword: 'A-new-Passw0rd!' }, browser);
    expect(stale.status).toBe(401);
    expect(await stale.json()).toMatchObject({ error: 'sign_in_again' });
    const row = await db.authorizationRequest.findUniqueOrThrow({ where: { id: browser.requestId } });
    expect(row).toMatchObject({ userId: null, authTime: null });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toBe(user.passwordHash);

    // Signed in again: the change goes through.
    const again = await signInWithPassword(browser, { email: user.email!, password: user.password });
    expect(new URL(again.location).pathname).toBe('/identity/v1/change-password');
    expect((await action('change-password', { currentPassword: user.password, newPassword: 'A-new-Passw0rd!' }, browser)).status).toBe(200);
  });
});

describe('issue 12 item 15: change_password', () => {
  it('issue 12 item 15: ends the other sessions and revokes refresh tokens; this browser stays signed in', async () => {
    const user = await makeUser();
    const app = await makeSpaApp({ skipConsent: true });
    // Elsewhere (the attacker, or an old laptop): a session and a refresh token.
    const elsewhere = await issueUserTokens(app, user);
    expect(elsewhere.tokens.refresh_token).toBeTruthy();

    const browser = await startFlow({ params: { policy: 'change_password' } });
    await signInWithPassword(browser, { email: user.email!, password: user.password });
    const row = await db.authorizationRequest.findUniqueOrThrow({ where: { id: browser.requestId } });
    const response = await action('change-password', { currentPassword: user.password, newPassword: 'A-new-Passw0rd!' }, browser);
    expect(response.status).toBe(200);

    const sessions = await db.ssoSession.findMany({ where: { userId: user.id } });
    expect(sessions.find((session) => session.id === row.ssoSessionId)!.endedAt).toBeNull();
    expect(sessions.filter((session) => session.id !== row.ssoSessionId).every((session) => session.endedAt !== null)).toBe(true);
    await expect(
      handleTokenRequest(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: elsewhere.tokens.refresh_token!, client_id: app.clientId }), null),
    ).rejects.toMatchObject({ code: 'invalid_grant' });
    expect(await db.refreshToken.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
  });
});
