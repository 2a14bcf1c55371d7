// reset_mfa (Melody's policy): the signed-in user removes every MFA factor — enrollments, the TOTP
// secret, the SMS number — and forgets every remembered device. The next sign-in that asks for
// MFA sets a factor up again. Like every policy page it comes after sign-in and MFA, so only a user
// who passed the current factors can reset them.
import { recordAudit, type AuditActor } from '@/lib/audit';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { FlowErrors, openFlow, type FlowContext, type FlowOutcome } from '@/lib/flow';
import { definePolicyAction, policyIneligibility, renewStaleSignIn } from '@/lib/identity/policies/common';
import { policyStep } from '@/lib/identity/policies/steps';

export const resetMfaStep = policyStep('reset_mfa');

/** Removes all of the user's MFA in the caller's transaction; what was there, for the audit log. */
export async function clearUserMfa(tx: Tx, userId: string) {
  const enrollments = await tx.mfaEnrollment.findMany({ where: { userId }, select: { type: true } });
  await tx.mfaEnrollment.deleteMany({ where: { userId } });
  await tx.totpSecret.deleteMany({ where: { userId } });
  const devices = await tx.rememberedDevice.deleteMany({ where: { userId } });
  await tx.user.update({ where: { id: userId }, data: { smsPhoneNumber: null, smsPhoneNumberVerified: false } });
  return { types: enrollments.map((enrollment) => enrollment.type), rememberedDevices: devices.count };
}

export async function getResetMfaView(context: FlowContext) {
  const flow = await openFlow(context);
  const { row } = flow;
  if (!flow.step) throw new AppError(FlowErrors.request_not_found);
  const base = { requestId: row.id, appName: row.app.name, orgSlug: row.orgSlug };
  if (flow.step.name !== 'reset_mfa') return { ...base, redirectTo: flow.locationOf(flow.step), ineligible: null, hasMfa: false };
  const renewed = await renewStaleSignIn(flow);
  if (renewed) return { ...base, redirectTo: renewed.location, ineligible: null, hasMfa: false };
  const user = await flow.user();
  const [enrollments, secret] = await Promise.all([
    db.mfaEnrollment.count({ where: { userId: user.id } }),
    db.totpSecret.count({ where: { userId: user.id } }),
  ]);
  return {
    ...base,
    redirectTo: null,
    ineligible: await policyIneligibility('reset_mfa', row, user),
    hasMfa: enrollments + secret > 0 || user.smsPhoneNumber !== null,
  };
}

/** POST /identity/v1/policy/reset-mfa: clears the user's MFA and returns to the app. */
export const resetMfa = definePolicyAction<void, FlowOutcome>('reset_mfa', async ({ flow, user, context }) => {
  const actor: AuditActor = { type: 'user', id: user.id, ip: context.ip };
  return flow.complete('reset_mfa', async (tx) => {
    const before = await clearUserMfa(tx, user.id);
    await recordAudit(tx, actor, { action: 'user.mfa_reset', targetType: 'user', targetId: user.id, before });
  });
});
