// "Forgot password?": an emailed 6-digit code, then a new password (Melody's POST
// /identity/v1/reset-password-code and /identity/v1/reset-password).
//
// Rules:
// - ENABLE_PASSWORD_RESET (off under ENABLE_PASSWORDLESS_SIGN_IN).
// - No enumeration: asking for a code answers the same for every well-formed address, whether an
//   active local account has it or not; the email itself is sent after the response (the caller's
//   `defer`, next/server after()), so timing does not tell either. Disabled and invited (inactive)
//   accounts are treated as unknown. Wrong codes for unknown addresses fail exactly like wrong codes.
// - Limits, keyed on the normalized address (+ client IP) so known and unknown ones behave alike:
//   PASSWORD_RESET_EMAIL_THRESHOLD requests per day, PASSWORD_RESET_CODE_THRESHOLD wrong codes per
//   30 min (each attempt claimed before the code is judged); plus the per-IP send limit. Codes: 6 digits, 2 hours, single use, 5 guesses each, a new
//   one replaces the previous (lib/one-time-codes).
// - The new password follows the self-service rule (lib/users/password-policy) and must differ from
//   the current one. Success, in one transaction: the code used, the password replaced, the address
//   marked verified (the code proved it; on an address never verified before, every credential set
//   up meanwhile goes: address-proof.ts), every SSO session ended and refresh token revoked (a
//   reset often follows a compromise), audit event. Then, with UNLOCK_ACCOUNT_VIA_PASSWORD_RESET, the
//   sign-in lockout of this address from this IP is lifted (Melody).
// - An operator (the CLI) may issue the code as a one-time link to the reset page instead of an
//   email, or set a password directly: the same policy, and the same sign-out everywhere.
// - Inside a sign-in request, the user returns to that request's sign-in page; otherwise to a page
//   saying the password was changed.
import { z } from 'zod';
import { recordAudit } from '@/lib/audit';
import { emitEvent } from '@/lib/events';
import { config } from '@/lib/config';
import { hashPassword, verifyPassword } from '@/lib/crypto/password';
import { db, transaction, type Tx } from '@/lib/db';
import { sendEmail, type EmailBranding } from '@/lib/email';
import { AppError, CommonErrors, isAppError } from '@/lib/errors';
import { loadRequest } from '@/lib/flow';
import { checkOneTimeCode, consumeOneTimeCode, issueOneTimeCode, type CodeCheck } from '@/lib/one-time-codes';
import { withQuery } from '@/lib/apps/redirect-uris';
import { brandingForOrgSlug } from '@/lib/orgs/hosted-branding';
import { checkAndCount, claimAttempt, limitPerIp, unlockAccount } from '@/lib/rate-limit';
import { isEmailAddress, normalizeEmail } from '@/lib/email/address';
import { UserErrors } from '@/lib/users/errors';
import { PASSWORD_POLICY_MAX_LENGTH, passwordPolicyIssues } from '@/lib/users/password-policy';
import type { Caller } from '@/lib/access/principal';
import { proveAddressControl } from './address-proof';
import { IdentityErrors } from './errors';
import { signOutEverywhere } from './sso-session';

export const resetCodeInput = z.object({ email: z.string().trim().max(320) });
export const resetPasswordInput = z.object({
  email: z.string().trim().max(320),
  code: z.string().trim().max(16),
  password: z.string().max(PASSWORD_POLICY_MAX_LENGTH),
});

export interface ResetContext {
  ip: string;
  /** The sign-in request the page belongs to, if any (locale, org branding, where to return). */
  requestId?: string;
  bindingSecret?: string;
  /** Locale when there is no request (the page's). */
  locale: string;
}

function assertEnabled() {
  if (!config().enablePasswordReset) throw new AppError(IdentityErrors.password_reset_disabled);
}

function normalizedAddress(email: string): string {
  if (!email) throw new AppError(CommonErrors.invalid_input, 'Enter an email address.', { email: 'required' });
  if (!isEmailAddress(email)) throw new AppError(CommonErrors.invalid_input, 'Invalid email address.', { email: 'invalid_email' });
  return normalizeEmail(email);
}

/** An active local account with this address, or null (unknown, disabled and invited alike). */
function resettableUser(email: string) {
  return db.user.findFirst({ where: { authProvider: 'local', email, isActive: true } });
}

/** The request the page belongs to, or null when there is none or it is no longer usable. */
async function optionalFlow(context: ResetContext) {
  if (!context.requestId) return null;
  try {
    return await loadRequest({ requestId: context.requestId, bindingSecret: context.bindingSecret });
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}

/**
 * Sends a reset code when an active local account has `email`; answers the same either way.
 * `defer` runs the sending after the response (errors are logged, never shown).
 */
export async function requestPasswordReset(
  input: z.output<typeof resetCodeInput>,
  context: ResetContext & { defer: (task: () => Promise<void>) => void },
): Promise<void> {
  assertEnabled();
  const email = normalizedAddress(input.email);
  await checkAndCount('password_reset_email', { id: email, ip: context.ip });
  await limitPerIp(context.ip);
  const [user, row] = await Promise.all([resettableUser(email), optionalFlow(context)]);
  // The same round trips for unknown addresses: one transaction that finds nothing to replace.
  const issued = await transaction(async (tx) => {
    if (!user) {
      await tx.oneTimeCode.deleteMany({ where: { purpose: 'password_reset', target: email, userId: null, consumedAt: null } });
      return null;
    }
    return issueOneTimeCode(tx, { purpose: 'password_reset', userId: user.id, target: email });
  });
  if (!user || !issued) return;
  const locale = row?.locale ?? context.locale;
  const orgSlug = row?.orgSlug ?? '';
  context.defer(async () => {
    try {
      const branding: EmailBranding = (await brandingForOrgSlug(orgSlug)).email;
      await sendEmail({ to: email, locale, template: 'password_reset', data: { name: user.firstName, code: issued.code, expiresIn: issued.expiresIn, unverified: !user.emailVerified }, branding });
    } catch (error) {
      console.error('[tessera] password reset email not sent', isAppError(error) ? error.code : error);
    }
  });
}

/** The new password in place and whoever held the old one signed out: every SSO session ended, every refresh token revoked. */
async function replacePassword(tx: Tx, userId: string, passwordHash: string) {
  await tx.user.update({ where: { id: userId }, data: { passwordHash, passwordAlgorithm: 'argon2id', passwordChangedAt: new Date() } });
  return signOutEverywhere(tx, userId, { reason: 'password_reset' });
}

const invalidCode = () => new AppError(IdentityErrors.invalid_code, undefined, { code: 'invalid_code' });

/** Checks the code and sets the new password; returns where the browser goes next. */
export async function resetPassword(input: z.output<typeof resetPasswordInput>, context: ResetContext): Promise<{ redirectTo: string }> {
  assertEnabled();
  const email = normalizedAddress(input.email);
  if (passwordPolicyIssues(input.password).length) throw new AppError(UserErrors.weak_password, undefined, { password: 'weak_password' });
  const attempt = await claimAttempt('password_reset_code', { id: email, ip: context.ip });
  const user = await resettableUser(email);
  let check: CodeCheck;
  if (user) check = await checkOneTimeCode({ purpose: 'password_reset', userId: user.id }, input.code);
  else {
    // Unknown addresses run a lookup like a known one and fail like a wrong code.
    await db.oneTimeCode.findFirst({ where: { purpose: 'password_reset', target: email, consumedAt: null }, orderBy: { createdAt: 'desc' } });
    check = { ok: false, reason: 'mismatch' };
  }
  // Every failure counts, whatever the reason: counting only some would tell accounts apart.
  if (!check.ok || !user) throw invalidCode();
  if (user.passwordHash && (await verifyPassword(input.password, user.passwordHash))) {
    throw new AppError(IdentityErrors.password_unchanged, undefined, { password: 'password_unchanged' });
  }
  const passwordHash = await hashPassword(input.password);
  await transaction(async (tx) => {
    if (!(await consumeOneTimeCode(tx, check.code.id))) throw invalidCode();
    await replacePassword(tx, user.id, passwordHash);
    // The code proved the address: credentials set up before, while it was unverified, go.
    await proveAddressControl(tx, user.id, { via: 'password_reset', ip: context.ip });
    await recordAudit(tx, { type: 'user', id: user.id, ip: context.ip }, { action: 'user.password_reset', targetType: 'user', targetId: user.id });
    await emitEvent(tx, { type: 'user', id: user.id }, 'identity.password.changed', { authId: user.id, via: 'reset' });
  });
  await attempt.release();
  if (config().unlockAccountViaPasswordReset) await unlockAccount(email, { ip: context.ip });

  const row = await optionalFlow(context);
  const base = `${config().authServerUrl}/identity/v1`;
  return {
    redirectTo: row
      ? withQuery(`${base}/sign-in`, { request: row.id, locale: row.locale, notice: 'password_reset' })
      : withQuery(`${base}/forgot-password`, { done: '1', locale: context.locale }),
  };
}

/** The reset page: whether reset is on, and the request it belongs to when this browser has one. */
export async function getResetPasswordView(context: Pick<ResetContext, 'requestId' | 'bindingSecret'>) {
  const row = await optionalFlow({ ...context, ip: '', locale: '' });
  return {
    enabled: config().enablePasswordReset,
    requestId: row?.id ?? null,
    appName: row?.app.name ?? null,
    locale: row?.locale,
    orgSlug: row?.orgSlug ?? '',
  };
}

/** The local account of an address, for an operator (disabled ones too), or user_not_found. */
async function operatorTarget(email: string) {
  const address = normalizedAddress(email);
  const user = await db.user.findFirst({ where: { authProvider: 'local', email: address } });
  if (!user) throw new AppError(UserErrors.user_not_found, `No local account has the address ${address}.`);
  return user;
}

/**
 * A one-time link to the reset page for an operator to pass on (`npm run cli -- user
 * reset-password`): a reset code issued as the emailed one is (2 hours, single use, limited
 * guesses, replacing any earlier code), carried in the URL so the page opens at its second step.
 */
export async function issuePasswordResetLink(caller: Caller, email: string): Promise<{ link: string; expiresAt: Date }> {
  assertEnabled();
  const user = await operatorTarget(email);
  if (!user.isActive) throw new AppError(UserErrors.user_inactive, 'The account is disabled (or its invitation is pending): a reset link would not work.');
  const issued = await transaction(async (tx) => {
    const code = await issueOneTimeCode(tx, { purpose: 'password_reset', userId: user.id, target: user.email! });
    await recordAudit(tx, caller.actor, { action: 'user.password_reset_link_issued', targetType: 'user', targetId: user.id });
    return code;
  });
  return { link: withQuery(`${config().authServerUrl}/identity/v1/forgot-password`, { email: user.email!, code: issued.code }), expiresAt: issued.expiresAt };
}

/**
 * Sets a password chosen by an operator (`npm run cli -- user reset-password --password`): the
 * self-service policy, then exactly what a reset does to the account (every session ended, every
 * refresh token revoked). Returns how many sessions and tokens that ended.
 */
export async function setPasswordAsOperator(caller: Caller, email: string, password: string) {
  const user = await operatorTarget(email);
  if (password.length > PASSWORD_POLICY_MAX_LENGTH || passwordPolicyIssues(password).length) throw new AppError(UserErrors.weak_password);
  const passwordHash = await hashPassword(password);
  return transaction(async (tx) => {
    const signedOut = await replacePassword(tx, user.id, passwordHash);
    await recordAudit(tx, caller.actor, { action: 'user.password_reset', targetType: 'user', targetId: user.id, after: signedOut });
    await emitEvent(tx, caller.actor, 'identity.password.changed', { authId: user.id, via: 'operator' });
    return signedOut;
  });
}
