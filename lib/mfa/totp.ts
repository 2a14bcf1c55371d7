// TOTP (RFC 6238 with otplib): 20-byte secret in base32, HMAC-SHA-1, 6 digits, 30 s steps, the
// current step ±1 accepted. The secret is stored encrypted (lib/crypto/encryption: it must be
// read back to check codes). The highest accepted time step is stored with it: a code, or any
// older one, is refused once a code of its step was accepted, so nothing can be replayed.
//
// Setup (issue 12): an unverified secret belongs to the sign-in request whose setup page showed it
// (setupRequestId). Another request reaching setup never sees it: it gets a new secret that
// replaces it, and only the request a secret belongs to can verify it. So a second sign-in with
// the same password (an attacker's, or the owner's after one) cannot share a key. An admin's
// "require TOTP" (lib/mfa/admin.ts) stores no secret at all.
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { decryptSecret, encryptSecret } from '@/lib/crypto/encryption';
import { db, type Tx } from '@/lib/db';
import type { TotpSecret } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';
import { FlowErrors } from '@/lib/flow';
import { IdentityErrors } from '@/lib/identity/errors';
import { MfaErrors } from './errors';

export const TOTP_SECRET_BYTES = 20;
export const TOTP_PERIOD_SECONDS = 30;

/** The TOTP secret `requestId` sets up: the one it showed already (a reload), or a new one replacing any other unverified one. */
export async function pendingTotpSecret(userId: string, requestId: string): Promise<string> {
  // Two requests (or tabs) writing at once: retry until the row holds a secret of this request.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const existing = await db.totpSecret.findUnique({ where: { userId } });
    if (existing?.verifiedAt) throw new AppError(MfaErrors.otp_already_verified);
    if (existing?.setupRequestId === requestId) return decryptSecret(existing.secretEncrypted);
    const secretEncrypted = encryptSecret(generateSecret({ length: TOTP_SECRET_BYTES }));
    if (existing) {
      await db.totpSecret.updateMany({
        where: { userId, verifiedAt: null, updatedAt: existing.updatedAt },
        data: { secretEncrypted, setupRequestId: requestId, lastUsedStep: null },
      });
    } else {
      await db.totpSecret.createMany({ data: { userId, secretEncrypted, setupRequestId: requestId }, skipDuplicates: true });
    }
  }
  throw new AppError(FlowErrors.wrong_step);
}

/** What the setup page shows: the otpauth URI as a QR code (SVG data URL) and the secret for manual entry. */
export async function totpSetupView(secret: string, account: { issuer: string; label: string }) {
  const uri = generateURI({ issuer: account.issuer, label: account.label, secret, algorithm: 'sha1', digits: 6, period: TOTP_PERIOD_SECONDS });
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { uri, secret, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/**
 * Checks a code against the user's secret: the verified one, or while it is being set up the one
 * `setupRequestId` showed. The time step the code belongs to, or null when it is wrong, outside
 * ±1 step, not newer than the last accepted one, or of a secret another request sets up.
 */
export async function checkTotpCode(stored: TotpSecret | null, code: string, setupRequestId: string): Promise<number | null> {
  if (!stored || !/^\d{6}$/.test(code)) return null;
  if (!stored.verifiedAt && stored.setupRequestId !== setupRequestId) return null;
  const result = await verify({
    secret: decryptSecret(stored.secretEncrypted),
    token: code,
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(stored.lastUsedStep !== null ? { afterTimeStep: Number(stored.lastUsedStep) } : {}),
  });
  // verify() also serves HOTP, whose results carry no time step.
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/**
 * Records an accepted code's step (and a secret being set up as verified) in the caller's
 * transaction. The update is conditional, so two concurrent submissions of one code cannot both
 * pass, and a secret replaced meanwhile by another request's setup is not verified.
 */
export async function acceptTotpStep(tx: Tx, userId: string, timeStep: number, setupRequestId: string): Promise<void> {
  const updated = await tx.totpSecret.updateMany({
    where: {
      userId,
      OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: BigInt(timeStep) } }],
      AND: [{ OR: [{ verifiedAt: { not: null } }, { setupRequestId }] }],
    },
    data: { lastUsedStep: BigInt(timeStep) },
  });
  if (updated.count === 0) throw new AppError(IdentityErrors.invalid_code, undefined, { code: 'invalid_code' });
  await tx.totpSecret.updateMany({ where: { userId, verifiedAt: null }, data: { verifiedAt: new Date(), setupRequestId: null } });
}
