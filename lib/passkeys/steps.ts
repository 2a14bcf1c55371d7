// The passkey steps of the sign-in: passkey_enroll after sign-in, consent and MFA (Melody's order:
// … → secured → passkey_enroll → recovery_code_enroll → switch_org), and the manage_passkey
// policy. Their actions and views: flow.ts.
//
// Rules of the enrollment prompts (passkeys and recovery codes, enrollmentOffered):
// - Only for local accounts (external providers hold their own credentials), only on a sign-in
//   made in this request (a reused SSO session does not ask again), never for device approvals or
//   delete_account, never after a sign-in that was multi-factor by itself (passkey, recovery code).
// - Never while the account's address is unverified, unless EMAIL_VERIFICATION_MODE=none (issue 12
//   item 2): it may be an impostor's sign-up with someone else's address, and a passkey or recovery
//   code would outlive the owner's password reset (address-proof.ts removes them, but none should
//   be set up in the first place).
// - passkey_enroll (ALLOW_PASSKEY_ENROLLMENT): the user has no passkey and did not choose "don't
//   ask again" (User.skipPasskeyEnroll). Skippable.
import { config } from '@/lib/config';
import { db } from '@/lib/db';
import type { User } from '@/lib/db/generated/client';
import { isFullyAuthorized, type FlowStep, type StepFacts } from '@/lib/flow';
import { policyStep } from '@/lib/identity/policies/steps';

/** Whether this request may prompt its user to enroll a credential after signing in (see the rules above). */
export async function enrollmentOffered(facts: StepFacts, step: string): Promise<boolean> {
  const { row } = facts;
  if (!row.userId || row.deviceAuthorizationId || row.policy === 'delete_account') return false;
  if (row.completedSteps.includes(step) || isFullyAuthorized(row)) return false;
  if (!row.authTime || row.authTime.getTime() < row.createdAt.getTime()) return false;
  const user = await facts.user();
  return user?.authProvider === 'local' && addressAllowsEnrollment(user);
}

/** Passkeys and recovery codes need a verified address, unless addresses are never verified (EMAIL_VERIFICATION_MODE=none). */
export function addressAllowsEnrollment(user: Pick<User, 'emailVerified'>): boolean {
  return user.emailVerified || config().emailVerificationMode === 'none';
}

async function needsPasskey(facts: StepFacts): Promise<boolean> {
  if (!config().allowPasskeyEnrollment || !(await enrollmentOffered(facts, 'passkey_enroll'))) return false;
  const user = await facts.user();
  if (!user || user.skipPasskeyEnroll) return false;
  return (await db.passkey.count({ where: { userId: user.id } })) === 0;
}

export const passkeyEnrollStep: FlowStep = {
  name: 'passkey_enroll',
  page: 'passkey-enroll',
  phase: 'account',
  applies: needsPasskey,
};

export const managePasskeyStep = policyStep('manage_passkey');
