// Recovery codes in the sign-in: sign-in with a code (the hosted sign-in page's link, the embedded
// recovery-code route), the recovery_code_enroll step after sign-in (after passkey_enroll), and
// the manage_recovery_code policy (a new code).
//
// recovery_code_enroll (ENABLE_RECOVERY_CODE): the user had no live recovery code when the request
// started (the enrollment prompts' common rules: lib/passkeys/steps.ts enrollmentOffered); the
// page shows the new code once and the user confirms having kept it.
import { recordAudit } from '@/lib/audit';
import { config } from '@/lib/config';
import { db, transaction } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { emitEvent } from '@/lib/events';
import { REFUSAL_ACTOR } from '@/lib/identity/sign-in';
import { defineAction, FlowErrors, openFlow, type Flow, type FlowContext, type FlowOutcome, type FlowStep } from '@/lib/flow';
import { claimRequestCode } from '@/lib/identity/code-attempts';
import { definePolicyAction } from '@/lib/identity/policies/common';
import { policyStep } from '@/lib/identity/policies/steps';
import { stepView } from '@/lib/identity/policies/views';
import { PasskeyErrors } from '@/lib/passkeys/errors';
import { enrollmentOffered } from '@/lib/passkeys/steps';
import { recordSignInEvent } from '@/lib/logs/sign-in';
import { clearSignInFailures, countSignInAttempt } from '@/lib/rate-limit';
import { isEmailAddress } from '@/lib/email/address';
import { UserErrors } from '@/lib/users/errors';
import { findLocalUserByEmail } from '@/lib/users/service';
import { findLiveRecoveryCode, generateRecoveryCode, hadRecoveryCodeBefore, hasRecoveryCode, replaceRecoveryCode, useRecoveryCode } from './service';

function requireRecoveryCodes(): void {
  if (!config().enableRecoveryCode) throw new AppError(PasskeyErrors.recovery_codes_disabled);
}

export const recoveryCodeEnrollStep: FlowStep = {
  name: 'recovery_code_enroll',
  page: 'recovery-code-enroll',
  phase: 'account',
  async applies(facts) {
    if (!config().enableRecoveryCode || !(await enrollmentOffered(facts, 'recovery_code_enroll'))) return false;
    return !(await hadRecoveryCodeBefore(facts.row.userId!, facts.row.createdAt));
  },
};

export const manageRecoveryCodeStep = policyStep('manage_recovery_code');

/**
 * Signs in with email + recovery code, for a user who lost their other factors: no password, and
 * MFA and the enrollment steps are satisfied (Melody: fully authorized). The code is used up and
 * the next one is returned, to be shown once before the request moves on. Every attempt counts
 * towards the request's 5 (then it ends: identity/code-attempts.ts) and, like a password, towards
 * the account's sign-in lockout (ACCOUNT_LOCKOUT_THRESHOLD); unknown addresses get the same answer.
 */
export const signInWithRecoveryCode = defineAction<{ email: string; recoveryCode: string }, FlowOutcome>({
  steps: 'sign_in',
  async run(flow, input) {
    requireRecoveryCodes();
    const { row, context } = flow;
    await claimRequestCode(row, 'recovery_code');
    const user = isEmailAddress(input.email) ? await findLocalUserByEmail(input.email) : null;
    if (!user) throw new AppError(PasskeyErrors.invalid_recovery_code);
    await countSignInAttempt(user.email ?? input.email, context.ip);
    const code = await findLiveRecoveryCode(user.id, input.recoveryCode);
    if (!code) {
      await emitEvent(db, REFUSAL_ACTOR, 'identity.auth.login.failed', { authId: user.id, clientId: row.app.clientId, method: 'recovery_code', reason: 'invalid_code', ip: context.ip });
      await recordSignInEvent({ appId: row.appId, user, method: 'recovery_code', success: false, reason: 'invalid_code', ip: context.ip, userAgent: context.userAgent });
      throw new AppError(PasskeyErrors.invalid_recovery_code);
    }
    if (!user.isActive) throw new AppError(UserErrors.account_disabled);
    await clearSignInFailures(user.email ?? input.email, context.ip);
    const next = generateRecoveryCode();
    const outcome = await flow.signIn({ amr: ['rc'], method: 'recovery_code', fullyAuthorized: true }, async (tx) => {
      if (!(await useRecoveryCode(tx, code, next))) throw new AppError(PasskeyErrors.invalid_recovery_code);
      return user;
    });
    return { ...outcome, data: { recoveryCode: next } };
  },
});

/**
 * The recovery_code_enroll page (and the embedded GET recovery-code-enroll): a new code for the
 * user, shown once. Reloading replaces it (the earlier one was never confirmed). Returns a
 * redirect when the request is elsewhere.
 */
export async function recoveryCodeEnrollView(context: FlowContext) {
  const flow = await openFlow(context);
  const { row } = flow;
  if (!flow.step) throw new AppError(FlowErrors.request_not_found);
  const base = { appName: row.app.name, orgSlug: row.orgSlug, locale: row.locale };
  if (flow.step.name !== 'recovery_code_enroll') return { ...base, redirectTo: flow.locationOf(flow.step), recoveryCode: '' };
  return { ...base, redirectTo: null, recoveryCode: await newEnrollmentCode(flow) };
}

async function newEnrollmentCode(flow: Flow): Promise<string> {
  requireRecoveryCodes();
  const user = await flow.user();
  const recoveryCode = generateRecoveryCode();
  await transaction((tx) => replaceRecoveryCode(tx, user.id, recoveryCode));
  return recoveryCode;
}

/** The Embedded Auth API's GET recovery-code-enroll: a new code, shown once (`{ recoveryCode }`). */
export const enrollmentRecoveryCode = defineAction<void, { recoveryCode: string }>({
  steps: 'recovery_code_enroll',
  run: async (flow) => ({ recoveryCode: await newEnrollmentCode(flow) }),
});

/** "I have saved it": the step is done. */
export const confirmRecoveryCodeEnrollment = defineAction<void, FlowOutcome>({
  steps: 'recovery_code_enroll',
  async run(flow) {
    requireRecoveryCodes();
    return flow.complete('recovery_code_enroll');
  },
});

export function manageRecoveryCodeView(context: FlowContext) {
  return stepView(context, 'manage_recovery_code', async ({ user }) => ({ hasCode: await hasRecoveryCode(user.id) }));
}

/** manage_recovery_code: replaces the user's code with a new one (the old one stops working) and returns it. */
export const regenerateRecoveryCode = definePolicyAction<void, { recoveryCode: string }>('manage_recovery_code', async ({ row, user, context }) => {
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
});
