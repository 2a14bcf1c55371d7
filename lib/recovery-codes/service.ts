// Recovery codes (ENABLE_RECOVERY_CODE): one live code per account, shown once, stored only as
// HMAC-SHA-256 with SECRET_KEY (the code has about 119 random bits: a slow hash adds nothing, the key
// makes a leaked table useless on its own). Single use: signing in with it marks it used and
// issues the next one in the same transaction; regenerating replaces it.
import { createHmac, randomInt } from 'node:crypto';
import { config } from '@/lib/config';
import { safeEqual } from '@/lib/crypto/tokens';
import { db, type Tx } from '@/lib/db';
import type { RecoveryCode } from '@/lib/db/generated/client';

// No 0/O, 1/I/L: read from paper, typed by hand.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 24;
const GROUP = 4;

/** A new code, grouped for reading: XXXX-XXXX-XXXX-XXXX-XXXX-XXXX. */
export function generateRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i += 1) code += ALPHABET[randomInt(0, ALPHABET.length)];
  return code.match(new RegExp(`.{${GROUP}}`, 'g'))!.join('-');
}

/** Case, spaces and hyphens do not matter when the code is typed back. */
export function normalizeRecoveryCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export function hashRecoveryCode(code: string): string {
  return createHmac('sha256', config().secretKey).update(`recovery-code:${normalizeRecoveryCode(code)}`).digest('base64url');
}

/** The user's live code matching `input`, compared in constant time, or null. */
export async function findLiveRecoveryCode(userId: string, input: string): Promise<RecoveryCode | null> {
  const hash = hashRecoveryCode(input);
  const live = await db.recoveryCode.findMany({ where: { userId, usedAt: null } });
  return live.find((code) => safeEqual(code.codeHash, hash)) ?? null;
}

/** Uses `code` once (false when it was used meanwhile) and stores `next` in its place. */
export async function useRecoveryCode(tx: Tx, code: RecoveryCode, next: string): Promise<boolean> {
  const used = await tx.recoveryCode.updateMany({ where: { id: code.id, usedAt: null }, data: { usedAt: new Date() } });
  if (used.count === 0) return false;
  await tx.recoveryCode.create({ data: { userId: code.userId, codeHash: hashRecoveryCode(next) } });
  return true;
}

/** Replaces every live code of the user with `code` (enrollment, regeneration). */
export async function replaceRecoveryCode(tx: Tx, userId: string, code: string): Promise<void> {
  await tx.recoveryCode.deleteMany({ where: { userId, usedAt: null } });
  await tx.recoveryCode.create({ data: { userId, codeHash: hashRecoveryCode(code) } });
}

/** Whether the user held a live code before `since` (one made later is still being enrolled). */
export async function hadRecoveryCodeBefore(userId: string, since: Date): Promise<boolean> {
  return (await db.recoveryCode.count({ where: { userId, usedAt: null, createdAt: { lt: since } } })) > 0;
}

export async function hasRecoveryCode(userId: string): Promise<boolean> {
  return (await db.recoveryCode.count({ where: { userId, usedAt: null } })) > 0;
}
