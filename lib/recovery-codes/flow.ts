// Recovery codes on the hosted pages: sign-in with a code (from the sign-in page), the
// recovery_code_enroll step after sign-in, and the manage_recovery_code policy (a new code).
import { recordAudit } from '@/lib/audit';
import { config } from '@/lib/config';
import { transaction } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { claimRequestCode } from '@/lib/identity/code-attempts';
import { completeSignIn, completeStep, currentStep, loadFlow, loadStep, stepLocation, type BrowserContext, type FlowOutcome } from '@/lib/identity/flow';
import { beginStepAction, flowUser } from '@/lib/identity/policies/common';
import { MFA_SATISFIED_STEP } from '@/lib/mfa/steps';
import { AuthorizePageErrors } from '@/lib/oauth/errors';
import { ENROLLMENT_STEPS } from '@/lib/passkeys/steps';
import { PasskeyErrors } from '@/lib/passkeys/errors';
import { recordSignInEvent } from '@/lib/logs/sign-in';
import { clearSignInFailures, countSignInAttempt } from '@/lib/rate-limit';
import { isEmailAddress } from '@/lib/users/email';
import { UserErrors } from '@/lib/users/errors';
import { findLocalUserByEmail } from '@/lib/users/service';
import { findLiveRecoveryCode, generateRecoveryCode, replaceRecoveryCode, useRecoveryCode } from './service';

function requireRecoveryCodes(): void {
  if (!config().enableRecoveryCode) throw new AppError(PasskeyErrors.recovery_codes_disabled);
}

/**
 * Signs in with email + recovery code, for a user who lost their other factors: no password, and
 * MFA and the enrollment steps are satisfied (Melody: fully authorized). The code is used up and
 * the next one is returned, to be shown once before the request moves on. Every attempt counts
 * towards the request's 5 (then it ends: identity/code-attempts.ts) and, like a password, towards
 * the account's sign-in lockout (ACCOUNT_LOCKOUT_THRESHOLD); unknown addresses get the same answer.
 */
export async function signInWithRecoveryCode(
  context: BrowserContext,
  input: { email: string; recoveryCode: string },
): Promise<{ outcome: FlowOutcome; recoveryCode: string }> {
  requireRecoveryCodes();
  const row = await loadStep(context, 'sign_in');
  await claimRequestCode(row, 'recovery_code');
  const user = isEmailAddress(input.email) ? await findLocalUserByEmail(input.email) : null;
  if (!user) throw new AppError(PasskeyErrors.invalid_recovery_code);
  await countSignInAttempt(user.email ?? input.email, context.ip);
  const code = await findLiveRecoveryCode(user.id, input.recoveryCode);
  if (!code) {
    await recordSignInEvent({ appId: row.appId, user, method: 'recovery_code', success: false, reason: 'invalid_code', ip: context.ip, userAgent: context.userAgent });
    throw new AppError(PasskeyErrors.invalid_recovery_code);
  }
  if (!user.isActive) throw new AppError(UserErrors.account_disabled);
  await clearSignInFailures(user.email ?? input.email, context.ip);
  const next = generateRecoveryCode();
  const outcome = await completeSignIn(row, context, { amr: ['rc'], method: 'recovery_code' }, async (tx) => {
    if (!(await useRecoveryCode(tx, code, next))) throw new AppError(PasskeyErrors.invalid_recovery_code);
    await tx.authorizationRequest.update({ where: { id: row.id }, data: { completedSteps: { push: [MFA_SATISFIED_STEP, ...ENROLLMENT_STEPS] } } });
    return user;
  });
  return { outcome, recoveryCode: next };
}

/**
 * The recovery_code_enroll page: a new code for the user, shown once. Reloading the page replaces
 * it (the earlier one was never confirmed). Returns a redirect when the request is elsewhere.
 */
export async function recoveryCodeEnrollView(requestId: string | undefined, bindingSecret: string | undefined) {
  const row = await loadFlow(requestId, bindingSecret);
  const step = await currentStep(row);
  if (!step) throw new AppError(AuthorizePageErrors.request_not_found);
  const base = { appName: row.app.name, orgSlug: row.orgSlug, locale: row.locale };
  if (step !== 'recovery_code_enroll') return { ...base, redirectTo: stepLocation(step, row), recoveryCode: '' };
  requireRecoveryCodes();
  const user = await flowUser(row);
  const recoveryCode = generateRecoveryCode();
  await transaction((tx) => replaceRecoveryCode(tx, user.id, recoveryCode));
  return { ...base, redirectTo: null, recoveryCode };
}

/** "I have saved it": the step is done. */
export async function confirmRecoveryCodeEnrollment(context: BrowserContext): Promise<FlowOutcome> {
  requireRecoveryCodes();
  const row = await loadStep(context, 'recovery_code_enroll');
  return completeStep(row, 'recovery_code_enroll');
}

/** manage_recovery_code: replaces the user's code with a new one (the old one stops working) and returns it. */
export async function regenerateRecoveryCode(context: BrowserContext): Promise<{ recoveryCode: string }> {
  const { row, user } = await beginStepAction(context, 'manage_recovery_code');
  const recoveryCode = generateRecoveryCode();
  await transaction(async (tx) => {
    await replaceRecoveryCode(tx, user.id, recoveryCode);
    // The new code is newer than the request: without this, the enrollment step would ask again.
    if (!row.completedSteps.includes('recovery_code_enroll')) {
      await tx.authorizationRequest.update({ where: { id: row.id }, data: { completedSteps: { push: 'recovery_code_enroll' } } });
    }
    await recordAudit(tx, { type: 'user', id: user.id, ip: context.ip }, { action: 'user.recovery_code_regenerated', targetType: 'user', targetId: user.id });
  });
  return { recoveryCode };
}
