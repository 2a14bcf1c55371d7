// The hosted credential endpoints over HTTP (route handlers, no server): the JSON exchange, and the
// promise that an address's existence never shows in a response (reset, passwordless).
import { randomUUID } from 'node:crypto';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST as authorizeAccount } from '@/app/identity/v1/authorize-account/route';
import { POST as authorizePasswordless } from '@/app/identity/v1/authorize-passwordless/route';
import { GET as magicLink } from '@/app/identity/v1/magic-link/route';
import { POST as processAcceptInvitation } from '@/app/identity/v1/process-accept-invitation/route';
import { POST as resetPasswordRoute } from '@/app/identity/v1/reset-password/route';
import { POST as resetPasswordCode } from '@/app/identity/v1/reset-password-code/route';
import { POST as sendVerifyEmail } from '@/app/identity/v1/send-verify-email/route';
import { POST as verifyEmailCode } from '@/app/identity/v1/verify-email-code/route';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { requestCookieName } from '@/lib/flow';
import { makeUser } from '@/lib/testing/factories';
import { lastCode, lastEmail, lastLink, startFlow, type TestBrowser } from '@/lib/testing/flows';

const BASE = 'http://localhost:3999';

function post(path: string, body: unknown, browser?: TestBrowser, headers: Record<string, string> = {}) {
  return new NextRequest(`${BASE}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: BASE,
      ...(browser?.bindingSecret ? { cookie: `${requestCookieName(browser.requestId)}=${browser.bindingSecret}` } : {}),
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

async function answer(response: Response) {
  const text = await response.text();
  return { status: response.status, body: text, type: response.headers.get('content-type'), cacheControl: response.headers.get('cache-control') };
}

beforeEach(() => overrideConfigForTesting({ enablePasswordReset: true, emailVerificationMode: 'lazy' }));
afterEach(() => resetConfigForTesting());

describe('no enumeration over HTTP', () => {
  it('reset-password-code: the same answer for an existing and an unknown address', async () => {
    const user = await makeUser();
    const known = await answer(await resetPasswordCode(post('/identity/v1/reset-password-code', { email: user.email })));
    const unknown = await answer(await resetPasswordCode(post('/identity/v1/reset-password-code', { email: `nobody-${randomUUID()}@example.test` })));
    expect(known).toEqual(unknown);
    expect(known).toMatchObject({ status: 204, body: '', cacheControl: 'no-store' });
    await vi.waitFor(async () => expect(await lastEmail(user.email!)).toBeTruthy());
  });

  it('reset-password: the same error body for a wrong code, whether the address exists or not', async () => {
    const user = await makeUser();
    const body = (email: string) => ({ email, code: '123456', password: 'New-pass-word-1' });
    await resetPasswordCode(post('/identity/v1/reset-password-code', { email: user.email }));
    // The email goes out after the response.
    const code = await vi.waitFor(() => lastCode(user.email!));
    const wrongFor = (email: string) => ({ ...body(email), code: code === '123456' ? '654321' : '123456' });
    const known = await answer(await resetPasswordRoute(post('/identity/v1/reset-password', wrongFor(user.email!))));
    const unknown = await answer(await resetPasswordRoute(post('/identity/v1/reset-password', wrongFor(`nobody-${randomUUID()}@example.test`))));
    expect(known).toEqual(unknown);
    expect(known.status).toBe(400);
    expect(JSON.parse(known.body)).toEqual({ error: 'invalid_code', message: 'The code is incorrect or has expired.', fields: { code: 'invalid_code' } });

    const done = await resetPasswordRoute(post('/identity/v1/reset-password', { ...body(user.email!), code }));
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ redirectTo: expect.stringContaining('/identity/v1/forgot-password?done=1') });
  });

  it('authorize-passwordless: the same answer for an existing, a disabled and an unknown address', async () => {
    overrideConfigForTesting({ enablePasswordlessSignIn: true, enableSignUp: false, enablePasswordSignIn: false, enablePasswordReset: false });
    const known = await makeUser();
    const disabled = await makeUser();
    await db.user.update({ where: { id: disabled.id }, data: { isActive: false } });
    const answers = [];
    for (const email of [known.email!, disabled.email!, `nobody-${randomUUID()}@example.test`]) {
      const browser = await startFlow();
      const response = await answer(await authorizePasswordless(post('/identity/v1/authorize-passwordless', { requestId: browser.requestId, email }, browser)));
      answers.push({ ...response, body: response.body.replace(browser.requestId, '<request>') });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toEqual(answers[2]);
    expect(JSON.parse(answers[0]!.body)).toEqual({ redirectTo: 'http://localhost:3999/identity/v1/passwordless-verify?request=<request>&locale=en' });
  });
});

describe('the JSON exchange', () => {
  it('sign-up: field codes for the form, CSRF origin check, then { redirectTo } with the SSO cookie', async () => {
    const browser = await startFlow();
    const invalid = await authorizeAccount(post('/identity/v1/authorize-account', { requestId: browser.requestId, email: 'x', password: 'weak' }, browser));
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).fields).toMatchObject({ email: 'invalid_email', password: 'weak_password' });

    const foreign = await authorizeAccount(post('/identity/v1/authorize-account', { requestId: browser.requestId, email: 'a@b.test', password: 'Str0ng-pass!' }, browser, { origin: 'https://evil.example' }));
    expect(foreign.status).toBe(403);

    const email = `route-${randomUUID()}@example.test`;
    const created = await authorizeAccount(post('/identity/v1/authorize-account', { requestId: browser.requestId, email, password: 'Str0ng-pass!' }, browser));
    expect(created.status).toBe(200);
    expect((await created.json()).redirectTo).toContain('/identity/v1/verify-email?request=');
    expect(created.headers.get('set-cookie')).toContain('tessera_session=');
  });

  it('send-verify-email answers 204; verify-email-code verifies from the link page', async () => {
    const browser = await startFlow();
    const email = `route-${randomUUID()}@example.test`;
    await authorizeAccount(post('/identity/v1/authorize-account', { requestId: browser.requestId, email, password: 'Str0ng-pass!' }, browser));
    const resent = await sendVerifyEmail(post('/identity/v1/send-verify-email', { requestId: browser.requestId }, browser));
    expect(resent.status).toBe(204);
    const link = await lastLink(email, '/identity/v1/verify-email');
    const verified = await verifyEmailCode(post('/identity/v1/verify-email-code', { id: link.searchParams.get('id'), code: await lastCode(email) }));
    expect(await verified.json()).toEqual({ success: true, alreadyVerified: false });
    const malformed = await verifyEmailCode(post('/identity/v1/verify-email-code', { id: 'not-a-uuid', code: '123456' }));
    expect(malformed.status).toBe(400);
  });

  it('magic-link: 303 into the flow in the right browser, to an explaining page elsewhere', async () => {
    overrideConfigForTesting({ enablePasswordlessSignIn: true, usePasswordlessAsMagicLink: true, enableSignUp: false, enablePasswordSignIn: false, enablePasswordReset: false });
    const browser = await startFlow();
    const email = `route-${randomUUID()}@example.test`;
    await authorizePasswordless(post('/identity/v1/authorize-passwordless', { requestId: browser.requestId, email }, browser));
    const link = await lastLink(email, '/identity/v1/magic-link');

    const elsewhere = await magicLink(new NextRequest(link));
    expect(elsewhere.status).toBe(303);
    expect(elsewhere.headers.get('location')).toBe('http://localhost:3999/identity/v1/error?code=magic_link_other_browser&locale=en');

    const here = await magicLink(new NextRequest(link, { headers: { cookie: `${requestCookieName(browser.requestId)}=${browser.bindingSecret}` } }));
    expect(here.status).toBe(303);
    expect(new URL(here.headers.get('location')!).searchParams.get('code')).toBeTruthy();
    expect(here.headers.get('set-cookie')).toContain('tessera_session=');

    const again = await magicLink(new NextRequest(link, { headers: { cookie: `${requestCookieName(browser.requestId)}=${browser.bindingSecret}` } }));
    expect(again.headers.get('location')).toContain('/identity/v1/error?code=magic_link_invalid');
  });

  it('process-accept-invitation: { success, signinUrl }, then invitation_invalid', async () => {
    const { randomToken, sha256 } = await import('@/lib/crypto/tokens');
    const token = randomToken(32);
    const user = await db.user.create({ data: { email: `inv-${randomUUID()}@example.test`, isActive: false } });
    await db.invitation.create({ data: { userId: user.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + 86_400_000), signinUrl: 'https://app.example.test/' } });
    const accepted = await processAcceptInvitation(post('/identity/v1/process-accept-invitation', { token, password: 'Invited-pass-1' }));
    expect(await accepted.json()).toEqual({ success: true, signinUrl: 'https://app.example.test/' });
    const again = await processAcceptInvitation(post('/identity/v1/process-accept-invitation', { token, password: 'Invited-pass-1' }));
    expect(again.status).toBe(400);
    expect((await again.json()).error).toBe('invitation_invalid');
  });
});
