// TOTP (RFC 6238 with otplib): 20-byte secret in base32, HMAC-SHA-1, 6 digits, 30 s steps, the
// current step ±1 accepted. The secret is stored encrypted (lib/crypto/encryption: it must be
// read back to check codes). The highest accepted time step is stored with it: a code, or any
// older one, is refused once a code of its step was accepted, so nothing can be replayed.
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { decryptSecret, encryptSecret } from '@/lib/crypto/encryption';
import { db, type Tx } from '@/lib/db';
import type { TotpSecret } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';
import { IdentityErrors } from '@/lib/identity/errors';
import { MfaErrors } from './errors';

export const TOTP_SECRET_BYTES = 20;
export const TOTP_PERIOD_SECONDS = 30;

/** The user's TOTP secret to set up: the unverified one (a reload shows the same), or a new one. */
export async function pendingTotpSecret(userId: string): Promise<string> {
  const existing = await db.totpSecret.findUnique({ where: { userId } });
  if (existing?.verifiedAt) throw new AppError(MfaErrors.otp_already_verified);
  if (existing) return decryptSecret(existing.secretEncrypted);
  const secret = generateSecret({ length: TOTP_SECRET_BYTES });
  // Two first visits at once: the first one's secret wins and both show it.
  await db.totpSecret.createMany({ data: { userId, secretEncrypted: encryptSecret(secret) }, skipDuplicates: true });
  const stored = await db.totpSecret.findUniqueOrThrow({ where: { userId } });
  return decryptSecret(stored.secretEncrypted);
}

/** What the setup page shows: the otpauth URI as a QR code (SVG data URL) and the secret for manual entry. */
export async function totpSetupView(secret: string, account: { issuer: string; label: string }) {
  const uri = generateURI({ issuer: account.issuer, label: account.label, secret, algorithm: 'sha1', digits: 6, period: TOTP_PERIOD_SECONDS });
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { uri, secret, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/**
 * Checks a code against the user's secret (verified or being set up): the time step it belongs to,
 * or null when it is wrong, outside ±1 step or not newer than the last accepted one.
 */
export async function checkTotpCode(stored: TotpSecret | null, code: string): Promise<number | null> {
  if (!stored || !/^\d{6}$/.test(code)) return null;
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
 * Records an accepted code's step (and the secret as verified) in the caller's transaction. The
 * update is conditional, so two concurrent submissions of one code cannot both pass.
 */
export async function acceptTotpStep(tx: Tx, userId: string, timeStep: number): Promise<void> {
  const updated = await tx.totpSecret.updateMany({
    where: { userId, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: BigInt(timeStep) } }] },
    data: { lastUsedStep: BigInt(timeStep) },
  });
  if (updated.count === 0) throw new AppError(IdentityErrors.invalid_code, undefined, { code: 'invalid_code' });
  await tx.totpSecret.updateMany({ where: { userId, verifiedAt: null }, data: { verifiedAt: new Date() } });
}
