// Issue 12 item 2 over HTTP, pre-registration takeover: an impostor signs up with the victim's
// address, skips verification (lazy mode) and sets up credentials; the owner later proves control
// of the address (password reset, the verification link, a passwordless code). Everything set up
// before that proof goes, and passkeys / recovery codes are not offered before it at all.
import { randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST as signUpRoute } from '@/app/identity/v1/authorize-account/route';
import { POST as authorizePassword } from '@/app/identity/v1/authorize-password/route';
import { POST as authorizeRecoveryCode } from '@/app/identity/v1/authorize-recovery-code/route';
import { POST as processOtpMfa } from '@/app/identity/v1/process-otp-mfa/route';
import { POST as regenerateRoute } from '@/app/identity/v1/regenerate-recovery-code/route';
import { POST as resetPasswordRoute } from '@/app/identity/v1/reset-password/route';
import { POST as resetPasswordCode } from '@/app/identity/v1/reset-password-code/route';
import { POST as skipVerifyEmail } from '@/app/identity/v1/skip-verify-email/route';
import { POST as verifyEmailCode } from '@/app/identity/v1/verify-email-code/route';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db, transaction } from '@/lib/db';
import { requestCookieName } from '@/lib/flow';
import { SSO_COOKIE } from '@/lib/identity/cookies';
import { findSsoSession } from '@/lib/identity/sso-session';
import { getOtpView } from '@/lib/mfa/flow-steps';
import { handleTokenRequest } from '@/lib/oauth/token-endpoint';
import { generateRecoveryCode, replaceRecoveryCode } from '@/lib/recovery-codes/service';
import { startAuthorization } from '@/lib/sign-in/start';
import { authorizeParams, makePkce, makeSpaApp } from '@/lib/testing/factories';
import { browserFrom, lastCode, lastEmail, lastLink, startFlow, type TestBrowser } from '@/lib/testing/flows';

const BASE = 'http://localhost:3999';
const IMPOSTOR_PASSWORD = 'Impostor-pass-1!';

function post(path: string, body: Record<string, unknown>, browser?: TestBrowser) {
  return new NextRequest(`${BASE}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: BASE,
      ...(browser?.bindingSecret ? { cookie: `${requestCookieName(browser.requestId)}=${browser.bindingSecret}` } : {}),
    },
    body: JSON.stringify(browser ? { requestId: browser.requestId, ...body } : body),
  });
}

async function redirectOf(response: Response): Promise<URL> {
  const body = (await response.json()) as { redirectTo?: string; error?: string };
  expect(response.status, JSON.stringify(body)).toBe(200);
  return new URL(body.redirectTo!);
}

/**
 * The impostor: signs up with `email`, says "Later" to the verification, sets up TOTP and, when
 * the request reaches the app, redeems the code (an SSO session and a refresh token).
 */
async function impostorSignsUp(email: string) {
  const app = await makeSpaApp({ skipConsent: true });
  const pkce = makePkce();
  const started = await startAuthorization(authorizeParams(app, pkce, { policy: 'sign_in_or_sign_up' }), {});
  const browser: TestBrowser = { ...browserFrom(started), app, started };
  const signedUp = await signUpRoute(post('/identity/v1/authorize-account', { email, password: IMPOSTOR_PASSWORD }, browser));
  const ssoToken = signedUp.cookies.get(SSO_COOKIE)?.value;
  expect(ssoToken).toBeTruthy();
  expect((await redirectOf(signedUp)).pathname).toBe('/identity/v1/verify-email');
  expect((await redirectOf(await skipVerifyEmail(post('/identity/v1/skip-verify-email', {}, browser)))).pathname).toBe('/identity/v1/otp-setup');
  const secret = (await getOtpView(browser)).setup!.secret;
  const afterTotp = await redirectOf(await processOtpMfa(post('/identity/v1/process-otp-mfa', { code: await generate({ secret }) }, browser)));
  const code = afterTotp.searchParams.get('code');
  const tokens = code ? await handleTokenRequest(new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: pkce.verifier }), null) : null;
  return { browser, secret, afterTotp, tokens: tokens!, ssoToken };
}

async function waitForEmail(to: string, subject: RegExp) {
  await vi.waitFor(async () => expect(await lastEmail(to, subject)).toBeDefined(), { timeout: 5000 });
  return (await lastEmail(to, subject))!;
}

beforeEach(() =>
  overrideConfigForTesting({
    enableSignUp: true,
    enablePasswordSignIn: true,
    enablePasswordReset: true,
    enableUserAppConsent: false,
    emailVerificationMode: 'lazy',
    otpMfaIsRequired: true,
    emailMfaIsRequired: false,
    smsMfaIsRequired: false,
    enforceOneMfaEnrollment: [],
    enableRecoveryCode: true,
    allowPasskeyEnrollment: true,
    blockedPolicies: [],
    serverSessionExpiresIn: 1800,
  }),
);
afterEach(() => resetConfigForTesting());

describe('issue 12 item 2: pre-registration takeover', { timeout: 90_000 }, () => {
  it('issue 12 item 2: the owner resets the password; the impostor’s recovery code, TOTP, sessions and refresh tokens no longer work', async () => {
    const victim = `victim-${randomUUID()}@example.test`;
    const impostor = await impostorSignsUp(victim);
    const user = await db.user.findFirstOrThrow({ where: { email: victim } });
    // A recovery code kept by the impostor (set up before enrollment required a verified address).
    const recoveryCode = generateRecoveryCode();
    await transaction((tx) => replaceRecoveryCode(tx, user.id, recoveryCode));
    // The impostor's sign-in reached the app: an SSO session and a refresh token.
    expect(impostor.tokens.refresh_token).toBeTruthy();
    expect(await db.totpSecret.count({ where: { userId: user.id, verifiedAt: { not: null } } })).toBe(1);

    // The owner: "Forgot password?". The email says what a reset of an unverified address removes.
    expect((await resetPasswordCode(post('/identity/v1/reset-password-code', { email: victim }))).status).toBe(204);
    const email = await waitForEmail(victim, /password/i);
    expect(email.text).toContain('Resetting the password also removes every passkey, recovery code, authenticator app');
    const code = /(?<!\d)(\d{6})(?!\d)/.exec(email.text)![1]!;
    expect((await resetPasswordRoute(post('/identity/v1/reset-password', { email: victim, code, password: 'Owner-pass-123!' }))).status).toBe(200);

    // The attack: the impostor signs in with the recovery code kept from before.
    const attempt = await startFlow();
    const answer = await authorizeRecoveryCode(post('/identity/v1/authorize-recovery-code', { email: victim, recoveryCode }, attempt));
    expect(await answer.json()).toMatchObject({ error: 'invalid_recovery_code' });
    expect(answer.status).toBe(401);

    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.emailVerified).toBe(true);
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.totpSecret.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.mfaEnrollment.count({ where: { userId: user.id } })).toBe(0);
    expect(await findSsoSession(impostor.ssoToken)).toBeNull();
    expect(await db.refreshToken.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
  });

  it('issue 12 item 2: the owner clicks the verification link; the impostor’s TOTP, SMS number, session and refresh token go', async () => {
    const victim = `victim-${randomUUID()}@example.test`;
    const impostor = await impostorSignsUp(victim);
    const user = await db.user.findFirstOrThrow({ where: { email: victim } });
    await db.user.update({ where: { id: user.id }, data: { smsPhoneNumber: '+15550100', smsPhoneNumberVerified: true } });
    expect(impostor.tokens.refresh_token).toBeTruthy();
    // Another sign-in of the impostor waits at the verification step, to "continue" once verified.
    const waiting = await startFlow();
    const signedIn = await redirectOf(await authorizePassword(post('/identity/v1/authorize-password', { email: victim, password: IMPOSTOR_PASSWORD }, waiting)));
    expect(signedIn.pathname).toBe('/identity/v1/verify-email');

    // The sign-up emailed the owner a verification link: they open it (in their own browser).
    const link = await lastLink(victim, '/identity/v1/verify-email');
    const code = await lastCode(victim);
    const verify = () => verifyEmailCode(post('/identity/v1/verify-email-code', { id: link.searchParams.get('id'), code }));
    expect((await verify()).status).toBe(200);

    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({ emailVerified: true, smsPhoneNumber: null, smsPhoneNumberVerified: false });
    expect(await db.totpSecret.count({ where: { userId: user.id } })).toBe(0);
    expect(await findSsoSession(impostor.ssoToken)).toBeNull();
    await expect(
      handleTokenRequest(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: impostor.tokens.refresh_token!, client_id: impostor.browser.app.clientId }), null),
    ).rejects.toMatchObject({ code: 'invalid_grant' });
    const continued = await skipVerifyEmail(post('/identity/v1/skip-verify-email', {}, waiting));
    expect(continued.status).toBe(404);
    // A second click finds the address verified: nothing more happens.
    expect((await verify()).status).toBe(200);
  });

  it('issue 12 item 2: passkey and recovery-code enrollment are not offered before the address is verified', async () => {
    const victim = `victim-${randomUUID()}@example.test`;
    // After TOTP the impostor's request goes to the app: no passkey_enroll, no recovery_code_enroll.
    const impostor = await impostorSignsUp(victim);
    const { afterTotp } = impostor;
    expect(afterTotp.pathname).not.toMatch(/passkey-enroll|recovery-code-enroll/);
    expect(afterTotp.searchParams.get('code')).toBeTruthy();

    // Nor through the manage_recovery_code policy.
    overrideConfigForTesting({ otpMfaIsRequired: false });
    const manage = await startFlow({ params: { policy: 'manage_recovery_code' } });
    const signedIn = await redirectOf(await authorizePassword(post('/identity/v1/authorize-password', { email: victim, password: IMPOSTOR_PASSWORD }, manage)));
    expect(signedIn.pathname).toBe('/identity/v1/verify-email');
    expect((await redirectOf(await skipVerifyEmail(post('/identity/v1/skip-verify-email', {}, manage)))).pathname).toBe('/identity/v1/otp-mfa');
    // A code of the next time step: the one just used at setup cannot be replayed.
    const code = await generate({ secret: impostor.secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    expect((await redirectOf(await processOtpMfa(post('/identity/v1/process-otp-mfa', { code }, manage)))).pathname).toBe('/identity/v1/manage-recovery-code');
    const regenerated = await regenerateRoute(post('/identity/v1/regenerate-recovery-code', {}, manage));
    expect(regenerated.status).toBe(403);
    expect(((await regenerated.json()) as { error: string }).error).toBe('email_unverified');
    expect(await db.recoveryCode.count({ where: { user: { email: victim } } })).toBe(0);
  });

  it('issue 12 item 2: with EMAIL_VERIFICATION_MODE=none the enrollments are offered to unverified addresses', async () => {
    overrideConfigForTesting({ emailVerificationMode: 'none', otpMfaIsRequired: false, allowPasskeyEnrollment: false });
    const email = `none-${randomUUID()}@example.test`;
    const browser = await startFlow({ params: { policy: 'sign_in_or_sign_up' } });
    const afterSignUp = await redirectOf(await signUpRoute(post('/identity/v1/authorize-account', { email, password: IMPOSTOR_PASSWORD }, browser)));
    expect(afterSignUp.pathname).toBe('/identity/v1/recovery-code-enroll');
  });
});
