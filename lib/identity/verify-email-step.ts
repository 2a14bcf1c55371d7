// The verify_email step of the sign-in flow (rules: email-verification.ts): the page's view, the
// code, "send a new code" and, while the grace period lasts (lazy mode), "later".
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { hasLiveCode } from '@/lib/one-time-codes';
import { AuthorizePageErrors } from '@/lib/oauth/errors';
import { brandingForOrgSlug } from '@/lib/orgs/hosted-branding';
import {
  applyEmailVerification,
  checkVerificationCode,
  emailVerificationRequirement,
  sendVerificationEmail,
} from './email-verification';
import { claimRequestCode } from './code-attempts';
import { IdentityErrors } from './errors';
import { completeStep, currentStep, loadFlow, loadStep, stepLocation, type BrowserContext, type FlowOutcome, type FlowRow } from './flow';

async function stepUser(row: FlowRow) {
  const user = row.userId ? await db.user.findUnique({ where: { id: row.userId } }) : null;
  if (!user) throw new AppError(AuthorizePageErrors.request_not_found);
  return user;
}

export async function getVerifyEmailView(requestId: string | undefined, bindingSecret: string | undefined) {
  const row = await loadFlow(requestId, bindingSecret);
  const step = await currentStep(row);
  const base = { appName: row.app.name, locale: row.locale, orgSlug: row.orgSlug };
  // Verified from the emailed link meanwhile (and nothing else left): the page offers "continue".
  if (!step) return { ...base, redirectTo: null, verified: true, email: '', skippable: false, codeSent: false };
  if (step !== 'verify_email') return { ...base, redirectTo: stepLocation(step, row), verified: false, email: '', skippable: false, codeSent: false };
  const user = await stepUser(row);
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
export async function confirmEmailInFlow(context: BrowserContext, code: string | undefined): Promise<FlowOutcome> {
  const row = await loadFlow(context.requestId, context.bindingSecret);
  const step = await currentStep(row);
  if (step === null) return completeStep(row, 'verify_email');
  if (step !== 'verify_email') throw new AppError(IdentityErrors.wrong_step);
  if (!code) throw new AppError(IdentityErrors.invalid_code, 'Enter the code from the email.', { code: 'required' });
  const user = await stepUser(row);
  await claimRequestCode(row, 'verify_email');
  const checked = await checkVerificationCode(user.id, code, context.ip);
  return completeStep(row, 'verify_email', checked ? (tx) => applyEmailVerification(tx, checked, context.ip) : undefined);
}

/** "Later": only while the verification is optional (lazy mode, grace period). */
export async function skipEmailVerification(context: BrowserContext): Promise<FlowOutcome> {
  const row = await loadStep(context, 'verify_email');
  const user = await stepUser(row);
  if (emailVerificationRequirement(user) !== 'optional') throw new AppError(IdentityErrors.email_verification_required);
  return completeStep(row, 'verify_email');
}

/** "Send a new code" (also the first one, when none was sent): replaces earlier codes. */
export async function resendVerificationCodeInFlow(context: BrowserContext): Promise<void> {
  const row = await loadStep(context, 'verify_email');
  const user = await stepUser(row);
  await sendVerificationEmail(user, { ip: context.ip, locale: row.locale, branding: (await brandingForOrgSlug(row.orgSlug)).email });
}
