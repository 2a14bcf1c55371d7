// The verify_email step of the sign-in (rules: email-verification.ts): the step's guard, the
// page's view, the code, "send a new code" and, while the grace period lasts (lazy mode), "later".
import { config } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { defineAction, openFlow, type FlowContext, type FlowOutcome, type FlowStep } from '@/lib/flow';
import { hasLiveCode } from '@/lib/one-time-codes';
import { brandingForOrgSlug } from '@/lib/orgs/hosted-branding';
import {
  applyEmailVerification,
  checkVerificationCode,
  emailVerificationRequirement,
  offerVerificationCode,
  sendVerificationEmail,
} from './email-verification';
import { claimRequestCode } from './code-attempts';
import { IdentityErrors } from './errors';

export const verifyEmailStep: FlowStep = {
  name: 'verify_email',
  page: 'verify-email',
  phase: 'account',
  async applies({ row, user }) {
    if (config().emailVerificationMode === 'none') return false;
    const account = await user();
    if (!account) return false;
    const requirement = emailVerificationRequirement(account);
    return requirement === 'required' || (requirement === 'optional' && !row.completedSteps.includes('verify_email'));
  },
  // Right after a sign-in, a required verification emails its code at once (an optional one
  // waits for the page's "send" button rather than mailing on every sign-in).
  async enter(flow, cause) {
    if (cause === 'sign_in') await offerVerificationCode(flow.row, await flow.user(), flow.context.ip);
  },
};

export async function getVerifyEmailView(context: FlowContext) {
  const flow = await openFlow(context);
  const { row } = flow;
  const base = { appName: row.app.name, locale: row.locale, orgSlug: row.orgSlug };
  // Verified from the emailed link meanwhile (and nothing else left): the page offers "continue".
  if (!flow.step) return { ...base, redirectTo: null, verified: true, email: '', skippable: false, codeSent: false };
  if (flow.step.name !== 'verify_email') return { ...base, redirectTo: flow.locationOf(flow.step), verified: false, email: '', skippable: false, codeSent: false };
  const user = await flow.user();
  return {
    ...base,
    redirectTo: null,
    verified: false,
    email: user.email ?? '',
    skippable: emailVerificationRequirement(user) === 'optional',
    codeSent: await hasLiveCode({ purpose: 'email_verification', userId: user.id }),
  };
}

/**
 * The code from the email: verifies the address and moves on. Without a code, only "continue"
 * after the address was verified elsewhere (the emailed link) and nothing else is left.
 */
export const confirmEmailInFlow = defineAction<string | undefined, FlowOutcome>({
  steps: (flow) => flow.step === null || flow.step.name === 'verify_email',
  async run(flow, code) {
    if (flow.step === null) return flow.complete('verify_email');
    if (!code) throw new AppError(IdentityErrors.invalid_code, 'Enter the code from the email.', { code: 'required' });
    const user = await flow.user();
    await claimRequestCode(flow.row, 'verify_email');
    const checked = await checkVerificationCode(user.id, code, flow.context.ip);
    return flow.complete('verify_email', checked ? (tx) => applyEmailVerification(tx, checked, flow.context.ip, { requestId: flow.row.id, ssoSessionId: flow.row.ssoSessionId }) : undefined);
  },
});

/** "Later": only while the verification is optional (lazy mode, grace period). */
export const skipEmailVerification = defineAction<void, FlowOutcome>({
  steps: 'verify_email',
  async run(flow) {
    if (emailVerificationRequirement(await flow.user()) !== 'optional') throw new AppError(IdentityErrors.email_verification_required);
    return flow.complete('verify_email');
  },
});

/** "Send a new code" (also the first one, when none was sent): replaces earlier codes. */
export const resendVerificationCodeInFlow = defineAction<void, void>({
  steps: 'verify_email',
  async run(flow) {
    const { row } = flow;
    await sendVerificationEmail(await flow.user(), { ip: flow.context.ip, locale: row.locale, branding: (await brandingForOrgSlug(row.orgSlug)).email });
  },
});

/** The verify_email step's state for the Embedded Auth API: where the code goes, whether "later" is allowed, whether a code is live. */
export const verifyEmailInfo = defineAction<void, { email: string; skippable: boolean; codeSent: boolean }>({
  steps: 'verify_email',
  async run(flow) {
    const user = await flow.user();
    return {
      email: user.email ?? '',
      skippable: emailVerificationRequirement(user) === 'optional',
      codeSent: await hasLiveCode({ purpose: 'email_verification', userId: user.id }),
    };
  },
});
