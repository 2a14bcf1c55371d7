// A user's MFA factors as the S2S API and the admin dashboard change them (lib/users/account.ts
// wraps these with the caller's checks and the audit log), in the caller's transaction.
import type { Tx } from '@/lib/db';
import type { MfaType } from '@/lib/db/generated/client';

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
