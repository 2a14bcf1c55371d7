// One-time codes sent by email (sign-up verification, password reset, passwordless sign-in and
// its magic link): the single place that issues, checks and consumes them (OneTimeCode rows).
//
// Rules:
// - A code is 6 digits from crypto.randomInt (uniform: rejection sampling, no modulo bias); a
//   link token is 32 random bytes. Only a keyed hash is stored: HMAC-SHA-256 under SECRET_KEY, so
//   a leaked table cannot be brute-forced offline (a plain hash of 6 digits could, in ms).
// - One live code per scope (purpose + user, or purpose + request): issuing a new one deletes the
//   earlier unused ones, so "resend" invalidates the previous email.
// - A code expires (per purpose, see CODE_LIFETIMES; never after its sign-in request), is used
//   once, and dies after MAX_CODE_ATTEMPTS wrong guesses. Per-account thresholds across codes
//   (lib/rate-limit) are the callers' business.
// - Checking a code first claims one of its attempts with a conditional increment (attempts <
//   MAX_CODE_ATTEMPTS, in one UPDATE, outside any transaction so it sticks) and only then compares:
//   however many guesses arrive at once, at most MAX_CODE_ATTEMPTS are ever judged (issue 12).
//   Consuming it is a conditional update inside the caller's transaction, together with what the
//   code unlocks, so two concurrent submissions cannot both succeed.
import { createHmac } from 'node:crypto';
import { config } from '@/lib/config';
import { randomDigits, randomToken, safeEqual } from '@/lib/crypto/tokens';
import { db, type Tx } from '@/lib/db';
import type { OneTimeCode, OneTimeCodePurpose } from '@/lib/db/generated/client';

export const CODE_LENGTH = 6;
export const CODE_PATTERN = /^\d{6}$/;
/** Wrong guesses one code survives; the next guess finds it dead. */
export const MAX_CODE_ATTEMPTS = 5;

/** Seconds (Melody's systemConfig): verification, reset and change-email 2 h, passwordless code and link 5 min. */
export const CODE_LIFETIMES = {
  email_verification: 7200,
  password_reset: 7200,
  passwordless: 300,
  // The change_email policy (lib/identity/policies/account.ts): sent to the new address.
  change_email: 7200,
  // MFA codes of a sign-in request (lib/mfa): 5 minutes, as in Melody.
  email_mfa: 300,
  sms_mfa: 300,
} as const satisfies Partial<Record<OneTimeCodePurpose, number>>;

export type CodePurpose = keyof typeof CODE_LIFETIMES;

/** Which codes a code replaces and is looked up among. */
export interface CodeScope {
  purpose: CodePurpose;
  /** The account (verification, reset). */
  userId?: string;
  /** The sign-in request the code belongs to (passwordless: the account is found by `target` once the code is right). */
  authorizationRequestId?: string;
}

export function hashCode(purpose: CodePurpose, code: string): string {
  return createHmac('sha256', `tessera:one-time-code:${config().secretKey}`).update(`${purpose}:${code}`).digest('base64url');
}

function scopeWhere(scope: CodeScope) {
  return {
    purpose: scope.purpose,
    ...(scope.userId !== undefined ? { userId: scope.userId } : {}),
    ...(scope.authorizationRequestId !== undefined ? { authorizationRequestId: scope.authorizationRequestId } : {}),
  };
}

export interface IssueCodeInput extends CodeScope {
  /** Address the code goes to. */
  target: string;
  /** 'digits' (typed by the user) or 'link' (a long token in a URL). Default digits. */
  kind?: 'digits' | 'link';
  /** Cap on the expiry, e.g. the sign-in request's own. */
  notAfter?: Date;
}

/** Creates a code (replacing the scope's unused ones) in `client`'s transaction; returns it in clear. */
export async function issueOneTimeCode(client: Tx | typeof db, input: IssueCodeInput): Promise<{ code: string; expiresAt: Date; expiresIn: number }> {
  const code = input.kind === 'link' ? randomToken(32) : randomDigits(CODE_LENGTH);
  const lifetime = CODE_LIFETIMES[input.purpose] * 1000;
  const expiresAt = new Date(Math.min(Date.now() + lifetime, input.notAfter?.getTime() ?? Infinity));
  await client.oneTimeCode.deleteMany({ where: { ...scopeWhere(input), consumedAt: null } });
  await client.oneTimeCode.create({
    data: {
      purpose: input.purpose,
      userId: input.userId ?? null,
      authorizationRequestId: input.authorizationRequestId ?? null,
      target: input.target,
      codeHash: hashCode(input.purpose, code),
      expiresAt,
    },
  });
  return { code, expiresAt, expiresIn: Math.max(1, Math.round((expiresAt.getTime() - Date.now()) / 1000)) };
}

/** The scope's newest unused code, live or not (for "a code was sent to …" and resend decisions). */
export function latestUnusedCode(scope: CodeScope) {
  return db.oneTimeCode.findFirst({ where: { ...scopeWhere(scope), consumedAt: null }, orderBy: { createdAt: 'desc' } });
}

/** Whether the scope has a live (unexpired, unused, not worn out) code. */
export async function hasLiveCode(scope: CodeScope): Promise<boolean> {
  const count = await db.oneTimeCode.count({
    where: { ...scopeWhere(scope), consumedAt: null, expiresAt: { gt: new Date() }, attempts: { lt: MAX_CODE_ATTEMPTS } },
  });
  return count > 0;
}

export type CodeCheck = { ok: true; code: OneTimeCode } | { ok: false; reason: 'none' | 'expired' | 'worn_out' | 'mismatch' };

/**
 * Compares `code` with the scope's newest unused code, after claiming one of its attempts (every
 * check counts, right or wrong). `ok` does not consume it: call consumeOneTimeCode in the
 * transaction that acts on it.
 */
export async function checkOneTimeCode(scope: CodeScope, code: string): Promise<CodeCheck> {
  const stored = await latestUnusedCode(scope);
  if (!stored) return { ok: false, reason: 'none' };
  if (stored.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
  // The row lock orders concurrent claims and each re-checks the condition on the row it locked.
  const claimed = await db.oneTimeCode.updateMany({ where: { id: stored.id, consumedAt: null, attempts: { lt: MAX_CODE_ATTEMPTS } }, data: { attempts: { increment: 1 } } });
  if (claimed.count === 0) return { ok: false, reason: 'worn_out' };
  if (!safeEqual(hashCode(scope.purpose, code.trim()), stored.codeHash)) return { ok: false, reason: 'mismatch' };
  return { ok: true, code: stored };
}

/** Marks a checked code used; false when another request used (or replaced) it first. */
export async function consumeOneTimeCode(tx: Tx, id: string): Promise<boolean> {
  const consumed = await tx.oneTimeCode.updateMany({
    // <=: the check that found it right claimed an attempt (possibly the last one).
    where: { id, consumedAt: null, expiresAt: { gt: new Date() }, attempts: { lte: MAX_CODE_ATTEMPTS } },
    data: { consumedAt: new Date() },
  });
  return consumed.count === 1;
}
