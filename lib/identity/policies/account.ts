// update_info, change_password and change_email: the user's own account, from a policy page.
//
// Rules:
// - update_info: first and last name (ENABLE_NAMES; required with NAMES_IS_REQUIRED) and the user
//   attributes (ENABLE_USER_ATTRIBUTE; lib/user-attributes rules: a value required at sign-up
//   cannot be emptied, regex, uniqueness) through the same users service as the S2S API
//   (lib/users/admin updateUser: one transaction, audited as the user).
// - change_password: the current password is checked again (counted like a sign-in attempt, so the
//   account lockout applies); the new one follows the self-service rule (lib/users/password-policy)
//   and must differ from it. As a reset does, the change ends the user's other SSO sessions and
//   revokes every refresh token (issue 12): whoever knew the old password is out.
// - change_email: a 6-digit code (lib/one-time-codes) goes to the NEW address
//   (CHANGE_EMAIL_EMAIL_THRESHOLD sends per account per 30 min, plus the per-IP send limit); it
//   belongs to this request, lives 2 hours at most (never beyond the request), works once and dies
//   after 5 wrong guesses; wrong codes also count towards CHANGE_EMAIL_CODE_THRESHOLD per user + IP
//   and 5 per request (then the request ends), both claimed before a code is judged. The change
//   marks the new address verified, and the OLD address gets a notice afterwards.
import { z } from 'zod';
import { recordAudit } from '@/lib/audit';
import { emitEvent } from '@/lib/events';
import { config } from '@/lib/config';
import { hashPassword, verifyPassword } from '@/lib/crypto/password';
import { db, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/db/generated/client';
import { sendEmail } from '@/lib/email';
import { AppError, CommonErrors } from '@/lib/errors';
import { CODE_PATTERN, checkOneTimeCode, consumeOneTimeCode, hasLiveCode, issueOneTimeCode, latestUnusedCode } from '@/lib/one-time-codes';
import { brandingForOrgSlug } from '@/lib/orgs/hosted-branding';
import { checkAndCount, claimAttempt, clearSignInFailures, countSignInAttempt, limitPerIp } from '@/lib/rate-limit';
import { allUserAttributes, type UserAttributeRecord } from '@/lib/user-attributes/admin';
import { UserAttributeErrors } from '@/lib/user-attributes/errors';
import { AttributeValuesError, validationMessageFor, type AttributeIssue } from '@/lib/user-attributes/values';
import { updateUser, type updateUserInput } from '@/lib/users/admin';
import { isEmailAddress, normalizeEmail } from '@/lib/email/address';
import { UserErrors } from '@/lib/users/errors';
import { isStrongPassword } from '@/lib/users/password-policy';
import { PASSWORD_MAX_LENGTH } from '@/lib/users/service';
import type { FlowOutcome } from '@/lib/flow';
import { claimRequestCode } from '../code-attempts';
import { signOutEverywhere } from '../sso-session';
import { definePolicyAction } from './common';
import { PolicyErrors } from './errors';

const userActor = (userId: string, ip: string) => ({ type: 'user' as const, id: userId, ip });

// ───────────────────────────── update_info ─────────────────────────────

export const updateInfoInput = z.object({
  firstName: z.string().trim().max(100).optional(),
  lastName: z.string().trim().max(100).optional(),
  attributes: z.record(z.string().max(64), z.string().max(1000).nullable()).optional(),
});

/** Field value of an attribute issue: a code the page translates, or the deployer's own message. */
function attributeField(issue: AttributeIssue, attribute: UserAttributeRecord | undefined, locale: string): string {
  if (issue.reason !== 'invalid') return issue.reason;
  return (attribute && validationMessageFor(attribute, locale)) ?? 'invalid_value';
}

export const updateInfo = definePolicyAction<z.output<typeof updateInfoInput>, FlowOutcome>('update_info', async ({ flow, row, user, context }, input) => {
  const { enableNames, namesIsRequired, enableUserAttribute } = config();
  const patch: z.output<typeof updateUserInput> = {};
  if (enableNames) {
    if (namesIsRequired) {
      const fields = Object.fromEntries(
        (['firstName', 'lastName'] as const).filter((name) => !input[name]).map((name) => [name, 'required']),
      );
      if (Object.keys(fields).length) throw new AppError(CommonErrors.invalid_input, 'First and last name are required.', fields);
    }
    patch.firstName = input.firstName ?? null;
    patch.lastName = input.lastName ?? null;
  }
  if (enableUserAttribute && input.attributes && Object.keys(input.attributes).length) patch.attributes = input.attributes;
  if (Object.keys(patch).length) {
    try {
      await updateUser({ actor: userActor(user.id, context.ip), scopes: [] }, user.id, patch);
    } catch (error) {
      if (!(error instanceof AttributeValuesError)) throw error;
      // The messages in the page's language (updateUser validates in the user's locale).
      const attributes = await allUserAttributes();
      const fields = Object.fromEntries(
        error.issues.map((issue) => [`attributes.${issue.attributeId}`, attributeField(issue, attributes.find((entry) => entry.id === issue.attributeId), row.locale)]),
      );
      throw new AppError(UserAttributeErrors.invalid_attribute_values, undefined, fields);
    }
  }
  return flow.complete('update_info');
});

/** The attributes the update_info page edits, labelled in `locale`, with the user's values. */
export async function editableAttributes(userId: string, locale: string) {
  if (!config().enableUserAttribute) return [];
  const [attributes, values] = await Promise.all([
    allUserAttributes(),
    db.userAttributeValue.findMany({ where: { userId }, select: { userAttributeId: true, value: true } }),
  ]);
  const label = (entries: readonly { locale: string; value: string }[]) => {
    const byLocale = new Map(entries.map((entry) => [entry.locale.toLowerCase(), entry.value]));
    const wanted = locale.toLowerCase();
    return byLocale.get(wanted) ?? byLocale.get(wanted.split('-')[0]!) ?? byLocale.get('en');
  };
  return attributes.map((attribute) => ({
    id: attribute.id,
    label: label(attribute.locales) ?? attribute.name,
    required: attribute.requiredInSignUpForm,
    value: values.find((entry) => entry.userAttributeId === attribute.id)?.value ?? '',
  }));
}

// ───────────────────────────── change_password ─────────────────────────────

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: z.string().max(PASSWORD_MAX_LENGTH),
});

export const changePassword = definePolicyAction<z.output<typeof changePasswordInput>, FlowOutcome>('change_password', async ({ flow, row, user, context }, input) => {
  const currentHash = user.passwordHash!;
  await countSignInAttempt(user.email!, context.ip);
  if (!(await verifyPassword(input.currentPassword, currentHash))) {
    throw new AppError(PolicyErrors.wrong_password, undefined, { currentPassword: 'wrong_password' });
  }
  await clearSignInFailures(user.email!, context.ip);
  if (!isStrongPassword(input.newPassword)) {
    throw new AppError(UserErrors.weak_password, undefined, { newPassword: 'weak_password' });
  }
  if (await verifyPassword(input.newPassword, currentHash)) {
    throw new AppError(PolicyErrors.password_unchanged, undefined, { newPassword: 'password_unchanged' });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return flow.complete('change_password', async (tx) => {
    // Only over the hash just checked: a concurrent change wins, this one fails.
    const changed = await tx.user.updateMany({
      where: { id: user.id, passwordHash: currentHash },
      data: { passwordHash, passwordAlgorithm: 'argon2id', passwordChangedAt: new Date() },
    });
    if (changed.count === 0) throw new AppError(PolicyErrors.wrong_password);
    const signedOut = await signOutEverywhere(tx, user.id, { keep: row.ssoSessionId, reason: 'password_changed' });
    await recordAudit(tx, userActor(user.id, context.ip), { action: 'user.password_changed', targetType: 'user', targetId: user.id, after: signedOut });
    await emitEvent(tx, userActor(user.id, context.ip), 'identity.password.changed', { authId: user.id, via: 'change_password' });
  });
});

// ───────────────────────────── change_email ─────────────────────────────

export const changeEmailCodeInput = z.object({ email: z.string().trim().min(1).max(320) });
export const changeEmailInput = z.object({ code: z.string().trim().regex(CODE_PATTERN, 'invalid_code') });

async function emailTaken(email: string, userId: string, client: Tx | typeof db = db): Promise<boolean> {
  const other = await client.user.findFirst({ where: { authProvider: 'local', email, NOT: { id: userId } }, select: { id: true } });
  return other !== null;
}

/** A change-email code belongs to its request (and user): another request cannot use it. */
const codeScope = (requestId: string, userId: string) => ({ purpose: 'change_email' as const, userId, authorizationRequestId: requestId });

/** The address this request's live change-email code went to, or null. */
export async function pendingChangeEmail(requestId: string, userId: string): Promise<string | null> {
  const scope = codeScope(requestId, userId);
  if (!(await hasLiveCode(scope))) return null;
  return (await latestUnusedCode(scope))?.target ?? null;
}

/** Sends a code to the new address; the page then asks for it. */
export const sendChangeEmailCode = definePolicyAction<z.output<typeof changeEmailCodeInput>, FlowOutcome>('change_email', async ({ flow, row, user, context }, input) => {
  if (!isEmailAddress(input.email)) throw new AppError(CommonErrors.invalid_input, 'Invalid email address.', { email: 'invalid_email' });
  const email = normalizeEmail(input.email);
  if (email === user.email) throw new AppError(PolicyErrors.email_unchanged, undefined, { email: 'email_unchanged' });
  if (await emailTaken(email, user.id)) throw new AppError(PolicyErrors.email_taken, undefined, { email: 'email_taken' });
  await checkAndCount('change_email_email', { id: user.email ?? user.id });
  await limitPerIp(context.ip);

  // One live code per request: a new one replaces the earlier one.
  const { code, expiresIn } = await issueOneTimeCode(db, { ...codeScope(row.id, user.id), target: email, notAfter: row.expiresAt });
  const branding = await brandingForOrgSlug(row.orgSlug);
  await sendEmail({ to: email, locale: row.locale, template: 'change_email_code', data: { name: user.firstName, code, expiresIn }, branding: branding.email });
  return flow.stay();
});

/** Checks the code and moves the account to the new address; then the old address is told. */
export const confirmChangeEmail = definePolicyAction<z.output<typeof changeEmailInput>, FlowOutcome>('change_email', async ({ flow, row, user, context }, input) => {
  if (!(await latestUnusedCode(codeScope(row.id, user.id)))) throw new AppError(PolicyErrors.no_code_sent);
  await claimRequestCode(row, 'change_email');
  const attempt = await claimAttempt('change_email_code', { id: user.id, ip: context.ip });
  const checked = await checkOneTimeCode(codeScope(row.id, user.id), input.code);
  if (!checked.ok) {
    if (checked.reason === 'none') throw new AppError(PolicyErrors.no_code_sent);
    throw new AppError(PolicyErrors.invalid_code, undefined, { code: 'invalid_code' });
  }
  const pending = checked.code;
  const oldEmail = user.email;
  let outcome: FlowOutcome;
  try {
    outcome = await flow.complete('change_email', async (tx) => {
      if (!(await consumeOneTimeCode(tx, pending.id))) throw new AppError(PolicyErrors.invalid_code, undefined, { code: 'invalid_code' });
      if (await emailTaken(pending.target, user.id, tx)) throw new AppError(PolicyErrors.email_taken);
      await tx.user.update({ where: { id: user.id }, data: { email: pending.target, emailVerified: true, emailVerifiedAt: new Date() } });
      await recordAudit(tx, userActor(user.id, context.ip), {
        action: 'user.email_changed',
        targetType: 'user',
        targetId: user.id,
        before: { email: oldEmail },
        after: { email: pending.target },
      });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new AppError(PolicyErrors.email_taken);
    throw error;
  }
  await attempt.release();
  if (oldEmail) {
    try {
      const branding = await brandingForOrgSlug(row.orgSlug);
      await sendEmail({ to: oldEmail, locale: row.locale, template: 'change_email_notice', data: { name: user.firstName, newEmail: pending.target }, branding: branding.email });
    } catch (error) {
      // The change is done: a notice that cannot be sent must not undo or fail it.
      console.error('[tessera] could not send the change-email notice', error);
    }
  }
  return outcome;
});
