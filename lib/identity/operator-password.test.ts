// What `npm run cli -- user reset-password` does, through the same services the CLI calls (the
// CLI's own surface is scripts/cli/operator.test.ts): the one-time link's code goes through the
// page's reset, and a password set by the operator follows the policy and signs out everywhere.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI_CALLER } from '@/lib/access/principal';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { issueUserTokens, makeSpaApp, makeUser } from '@/lib/testing/factories';
import { authenticateWithPassword } from '@/lib/users/service';
import { issuePasswordResetLink, resetPassword, setPasswordAsOperator } from './password-reset';
import { findSsoSession } from './sso-session';

beforeEach(() => overrideConfigForTesting({ enablePasswordReset: true, passwordResetCodeThreshold: 5 }));
afterEach(() => resetConfigForTesting());

describe('operator password reset', () => {
  it('issues a one-time link whose code resets the password once through the page flow', async () => {
    const user = await makeUser();
    const { link, expiresAt } = await issuePasswordResetLink(CLI_CALLER, user.email!.toUpperCase());
    const url = new URL(link);
    expect(url.pathname).toBe('/identity/v1/forgot-password');
    expect(url.searchParams.get('email')).toBe(user.email);
    const code = url.searchParams.get('code')!;
    expect(code).toMatch(/^\d{6}$/);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(3600_000);

    await resetPassword({ email: user.email!, code, password: 'Link-new-pass-1' }, { ip: '', locale: 'en' });
    expect((await authenticateWithPassword(user.email!, 'Link-new-pass-1')).id).toBe(user.id);
    await expect(resetPassword({ email: user.email!, code, password: 'Again-new-pass-2' }, { ip: '', locale: 'en' })).rejects.toMatchObject({ code: 'invalid_code' });
    expect(await db.auditEvent.count({ where: { action: 'user.password_reset_link_issued', targetId: user.id, actorId: 'cli' } })).toBe(1);
  });

  it('refuses a link when password reset is off, for an unknown address and for a disabled account', async () => {
    const user = await makeUser();
    await expect(issuePasswordResetLink(CLI_CALLER, 'nobody@example.test')).rejects.toMatchObject({ code: 'user_not_found' });
    await db.user.update({ where: { id: user.id }, data: { isActive: false } });
    await expect(issuePasswordResetLink(CLI_CALLER, user.email!)).rejects.toMatchObject({ code: 'user_inactive' });
    overrideConfigForTesting({ enablePasswordReset: false });
    await expect(issuePasswordResetLink(CLI_CALLER, user.email!)).rejects.toMatchObject({ code: 'password_reset_disabled' });
  });

  it('sets a password under the policy and ends every session and refresh token, as a reset does', async () => {
    const user = await makeUser();
    const app = await makeSpaApp();
    const { tokens, ssoToken } = await issueUserTokens(app, user);
    expect(tokens.refresh_token).toBeTruthy();

    await expect(setPasswordAsOperator(CLI_CALLER, user.email!, 'short')).rejects.toMatchObject({ code: 'weak_password' });
    expect((await authenticateWithPassword(user.email!, user.password)).id).toBe(user.id);

    const signedOut = await setPasswordAsOperator(CLI_CALLER, user.email!, 'Operator-set-pass-9');
    expect(signedOut.ssoSessions).toBe(1);
    expect(signedOut.refreshTokens).toBeGreaterThan(0);
    expect(await findSsoSession(ssoToken!)).toBeNull();
    expect(await db.refreshToken.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect((await authenticateWithPassword(user.email!, 'Operator-set-pass-9')).id).toBe(user.id);
    await expect(authenticateWithPassword(user.email!, user.password)).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(await db.auditEvent.count({ where: { action: 'user.password_reset', targetId: user.id, actorId: 'cli' } })).toBe(1);
  });
});
