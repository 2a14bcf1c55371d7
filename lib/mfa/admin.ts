// A user's MFA factors as the S2S API and the admin dashboard change them: enrollMfa/removeMfa
// check the user and write the audit log around the factor changes (enrollFactor/removeFactor,
// which also run in other services' transactions). Here, not in lib/users: users knows no factor.
import { recordAudit } from '@/lib/audit';
import { transaction, type Tx } from '@/lib/db';
import type { MfaType } from '@/lib/db/generated/client';
import { emitEvent } from '@/lib/events';
import { requireUser, type UserAdminCaller } from '@/lib/users/admin';

/**
 * Enrolls the user in a factor: the next sign-in asks for it (or sets it up first). Enrolling OTP
 * again deletes the secret, so the user scans a new one (Melody: resets otpVerified).
 */
export async function enrollFactor(tx: Tx, userId: string, type: MfaType): Promise<void> {
  await tx.mfaEnrollment.upsert({ where: { userId_type: { userId, type } }, create: { userId, type }, update: {} });
  if (type === 'otp') await tx.totpSecret.deleteMany({ where: { userId } });
}

/** Removes a factor: OTP also loses its secret, SMS its phone number; remembered devices of that factor are forgotten. */
export async function removeFactor(tx: Tx, userId: string, type: MfaType): Promise<void> {
  await tx.mfaEnrollment.deleteMany({ where: { userId, type } });
  await tx.rememberedDevice.deleteMany({ where: { userId, mfaType: type } });
  if (type === 'otp') await tx.totpSecret.deleteMany({ where: { userId } });
  if (type === 'sms') await tx.user.update({ where: { id: userId }, data: { smsPhoneNumber: null, smsPhoneNumberVerified: false } });
}

/** Enrolls the user in an MFA type (enrollFactor), audited. */
export async function enrollMfa(caller: UserAdminCaller, userId: string, type: MfaType): Promise<void> {
  await transaction(async (tx) => {
    await requireUser(userId, tx);
    await enrollFactor(tx, userId, type);
    await recordAudit(tx, caller.actor, { action: 'user.mfa_enrolled', targetType: 'user', targetId: userId, after: { type } });
    await emitEvent(tx, caller.actor, 'identity.mfa.enrolled', { authId: userId, factor: type });
  });
}

/** Removes an MFA type (removeFactor), audited. */
export async function removeMfa(caller: UserAdminCaller, userId: string, type: MfaType): Promise<void> {
  await transaction(async (tx) => {
    await requireUser(userId, tx);
    await removeFactor(tx, userId, type);
    await recordAudit(tx, caller.actor, { action: 'user.mfa_removed', targetType: 'user', targetId: userId, before: { type } });
  });
}
