// Where passkey and recovery-code enrollment sit in the sign-in state machine: lib/identity/flow.ts
// asks enrollmentStep() once sign-in, consent and MFA are done, before the org choice and the
// policy page (Melody's order: … → secured → passkey_enroll → recovery_code_enroll → switch_org).
//
// Rules:
// - Only for local accounts (external providers hold their own credentials), only on a sign-in
//   made in this request (a reused SSO session does not ask again), never for device approvals or
//   delete_account.
// - passkey_enroll (ALLOW_PASSKEY_ENROLLMENT): the user has no passkey and did not choose "don't
//   ask again" (User.skipPasskeyEnroll). Skippable.
// - recovery_code_enroll (ENABLE_RECOVERY_CODE): the user had no live recovery code when the request
//   started; the page shows the new code once and the user confirms having kept it.
// - Passkey and recovery-code sign-ins complete both steps (and MFA) themselves.
import { config } from '@/lib/config';
import { db } from '@/lib/db';
import { hadRecoveryCodeBefore } from '@/lib/recovery-codes/service';

export type EnrollmentStep = 'passkey_enroll' | 'recovery_code_enroll';

/** Hosted page path (under /identity/v1/) of each enrollment step. */
export const PASSKEY_STEP_PATHS: Record<EnrollmentStep, string> = {
  passkey_enroll: 'passkey-enroll',
  recovery_code_enroll: 'recovery-code-enroll',
};

export const ENROLLMENT_STEPS: readonly EnrollmentStep[] = ['passkey_enroll', 'recovery_code_enroll'];

interface StepRow {
  userId: string | null;
  policy: string;
  completedSteps: string[];
  deviceAuthorizationId: string | null;
  authTime: Date | null;
  createdAt: Date;
}

/** The enrollment step this request still needs, or null. */
export async function enrollmentStep(row: StepRow): Promise<EnrollmentStep | null> {
  const settings = config();
  if (!settings.allowPasskeyEnrollment && !settings.enableRecoveryCode) return null;
  if (!row.userId || row.deviceAuthorizationId || row.policy === 'delete_account') return null;
  if (!row.authTime || row.authTime.getTime() < row.createdAt.getTime()) return null;
  const done = (step: EnrollmentStep) => row.completedSteps.includes(step);
  if (done('passkey_enroll') && done('recovery_code_enroll')) return null;
  const user = await db.user.findUnique({
    where: { id: row.userId },
    select: { authProvider: true, skipPasskeyEnroll: true, _count: { select: { passkeys: true } } },
  });
  if (!user || user.authProvider !== 'local') return null;
  if (settings.allowPasskeyEnrollment && !done('passkey_enroll') && !user.skipPasskeyEnroll && user._count.passkeys === 0) return 'passkey_enroll';
  if (settings.enableRecoveryCode && !done('recovery_code_enroll') && !(await hadRecoveryCodeBefore(row.userId, row.createdAt))) {
    return 'recovery_code_enroll';
  }
  return null;
}
