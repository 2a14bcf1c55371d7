// Proof of control of an account's email address (issue 12 item 2, pre-registration takeover).
//
// Anyone can sign up with someone else's address and, while it stays unverified (lazy mode), set
// up credentials on that account: a TOTP app, an SMS number, a recovery code, a passkey. When the
// owner later proves control of the address (a password reset code, the verification code or
// link, a passwordless code or magic link), everything set up before that proof may be the
// impostor's: passkeys, recovery codes, TOTP, the SMS number, every MFA enrollment, remembered
// devices, SSO sessions, refresh tokens, unused authorization codes and other in-progress
// sign-ins all go, in the proof's own transaction. An address verified before is left alone: its
// credentials were set up by someone who could read its mail.
import { recordAudit } from '@/lib/audit';
import type { Tx } from '@/lib/db';
import { signOutEverywhere } from './sso-session';

export type AddressProof = 'password_reset' | 'email_verification' | 'passwordless';

/**
 * In the caller's transaction: marks `userId`'s address verified and, when it was not verified
 * before, removes every credential and session set up meanwhile. `keep` names the sign-in request
 * (and its SSO session) that made the proof: the prover's own, so it goes on. Returns whether the
 * address was unverified (and the credentials were removed).
 */
export async function proveAddressControl(
  tx: Tx,
  userId: string,
  proof: { via: AddressProof; ip: string; keep?: { requestId?: string; ssoSessionId?: string | null } },
): Promise<boolean> {
  const now = new Date();
  // Conditional: of two concurrent proofs, one finds the address unverified and clears.
  const claimed = await tx.user.updateMany({ where: { id: userId, emailVerified: false }, data: { emailVerified: true, emailVerifiedAt: now } });
  if (claimed.count === 0) return false;
  const where = { userId };
  const [passkeys, recoveryCodes, totp, enrollments, devices] = [
    await tx.passkey.deleteMany({ where }),
    await tx.recoveryCode.deleteMany({ where }),
    await tx.totpSecret.deleteMany({ where }),
    await tx.mfaEnrollment.deleteMany({ where }),
    await tx.rememberedDevice.deleteMany({ where }),
  ];
  await tx.user.update({ where: { id: userId }, data: { smsPhoneNumber: null, smsPhoneNumberVerified: false } });
  const signedOut = await signOutEverywhere(tx, userId, { keep: proof.keep?.ssoSessionId ?? null, reason: 'address_proved' });
  await tx.authorizationCode.deleteMany({ where: { userId, usedAt: null } });
  await tx.authorizationRequest.deleteMany({ where: { userId, ...(proof.keep?.requestId ? { NOT: { id: proof.keep.requestId } } : {}) } });
  await recordAudit(tx, { type: 'user', id: userId, ip: proof.ip }, {
    action: 'user.email_verified',
    targetType: 'user',
    targetId: userId,
    after: {
      via: proof.via,
      removedBeforeProof: {
        passkeys: passkeys.count,
        recoveryCodes: recoveryCodes.count,
        totp: totp.count,
        mfaEnrollments: enrollments.count,
        rememberedDevices: devices.count,
        ...signedOut,
      },
    },
  });
  return true;
}
