// Issue 12 over HTTP, the policies that change credentials or sessions:
// - item 15: change_password ends the user's other sessions and revokes refresh tokens, as a
//   password reset does (whoever knew the old password is out).
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POST as policyAction } from '@/app/identity/v1/policy/[action]/route';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { requestCookieName } from '@/lib/flow';
import { signInWithPassword } from '@/lib/identity/sign-in';
import { handleTokenRequest } from '@/lib/oauth/token-endpoint';
import { issueUserTokens, makeSpaApp, makeUser } from '@/lib/testing/factories';
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
