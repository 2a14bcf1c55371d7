// Email verification of local accounts: when the sign-in flow asks for it (the verify_email step),
// the verification email, and verification by code — in the flow or from the emailed link
// (/identity/v1/verify-email?id=<authId>, Melody's link, also sent by the S2S API's resend).
//
// Rules (EMAIL_VERIFICATION_MODE, lib/config):
// - none: never asked. Sign-up still emails a code and link when ENABLE_EMAIL_VERIFICATION is on
//   and the welcome email does not replace it (Melody's behaviour: verification is optional).
// - lazy: an unverified account is asked after each sign-in and may skip ("later") until
//   EMAIL_VERIFICATION_GRACE_PERIOD seconds after it was created; then it must verify.
// - strict: an unverified account must verify before any code is issued.
// Only local accounts with an email address are asked (external accounts' addresses are their
// provider's business). Passwordless sign-in and password reset prove the address: they verify it.
// - The code (6 digits, 2 h, lib/one-time-codes) belongs to the account, not to a request: a code
//   from any verification email works on the step page and on the link page. Sending is limited
//   per account + IP (EMAIL_VERIFICATION_EMAIL_THRESHOLD) and per IP; wrong codes per account + IP
//   (EMAIL_VERIFICATION_CODE_THRESHOLD).
import { config } from '@/lib/config';
import { safeEqual, sha256 } from '@/lib/crypto/tokens';
import { db, transaction, type Tx } from '@/lib/db';
import type { OneTimeCode, User } from '@/lib/db/generated/client';
import { sendEmail, type EmailBranding } from '@/lib/email';
import { AppError } from '@/lib/errors';
import { checkOneTimeCode, consumeOneTimeCode, hasLiveCode, issueOneTimeCode } from '@/lib/one-time-codes';
import { brandingForOrgSlug } from '@/lib/orgs/hosted-branding';
import { checkAndCount, claimAttempt, limitPerIp } from '@/lib/rate-limit';
import { proveAddressControl } from './address-proof';
import { IdentityErrors } from './errors';

type VerifiableUser = Pick<User, 'id' | 'email' | 'emailVerified' | 'createdAt' | 'authProvider'>;

/** What this deployment asks of the account's email now: nothing, a skippable or a required verification. */
export function emailVerificationRequirement(user: VerifiableUser, now = Date.now()): 'none' | 'optional' | 'required' {
  const { emailVerificationMode: mode, emailVerificationGracePeriod: grace } = config();
  if (mode === 'none' || user.emailVerified || !user.email || user.authProvider !== 'local') return 'none';
  if (mode === 'strict') return 'required';
  return now - user.createdAt.getTime() < grace * 1000 ? 'optional' : 'required';
}

/** The page the verification email links to (Melody's id + locale; the page asks for the code). */
export function verificationLink(userId: string, locale: string): string {
  const link = new URL(`${config().authServerUrl}/identity/v1/verify-email`);
  link.searchParams.set('id', userId);
  link.searchParams.set('locale', locale);
  return link.toString();
}

/** Issues a verification code for `user` in `client`'s transaction; the caller sends it (sendVerificationCode). */
export function issueVerificationCode(client: Tx | typeof db, user: Pick<User, 'id' | 'email'>) {
  return issueOneTimeCode(client, { purpose: 'email_verification', userId: user.id, target: user.email! });
}

/**
 * Emails a new verification code (replacing earlier ones) with the link, counted against the
 * account + IP and IP send limits (429 when over).
 */
export async function sendVerificationEmail(
  user: Pick<User, 'id' | 'email' | 'firstName'>,
  options: { ip: string; locale: string; branding?: EmailBranding },
): Promise<void> {
  if (!user.email) return;
  await checkAndCount('email_verification_email', { id: user.id, ip: options.ip });
  await limitPerIp(options.ip);
  const { code, expiresIn } = await issueVerificationCode(db, user);
  await sendEmail({
    to: user.email,
    locale: options.locale,
    template: 'email_verification',
    data: { name: user.firstName, code, link: verificationLink(user.id, options.locale), expiresIn },
    branding: options.branding,
  });
}

/**
 * Emails the code to a user who lands on the step when verification is required (while it is
 * optional, the page offers "send" instead of mailing on every sign-in), unless one is live. Best
 * effort: a failed send leaves the page's "send" button.
 */
export async function offerVerificationCode(
  row: { locale: string; orgSlug: string },
  user: VerifiableUser & Pick<User, 'firstName'>,
  ip: string,
): Promise<void> {
  if (emailVerificationRequirement(user) !== 'required') return;
  try {
    if (await hasLiveCode({ purpose: 'email_verification', userId: user.id })) return;
    await sendVerificationEmail(user, { ip, locale: row.locale, branding: (await brandingForOrgSlug(row.orgSlug)).email });
  } catch (error) {
    console.warn('[tessera] could not send the verification code on sign-in', error instanceof AppError ? error.code : error);
  }
}

/**
 * Checks a verification code of `userId`; every attempt is claimed per account + IP before it is
 * judged (a right one gives it back), unknown users fail like wrong codes. Returns the code to
 * consume with applyEmailVerification, or null when the address was verified meanwhile and there
 * is no code left to check (a second click on the link).
 */
export async function checkVerificationCode(userId: string, code: string, ip: string): Promise<OneTimeCode | null> {
  const attempt = await claimAttempt('email_verification_code', { id: userId, ip });
  const check = await checkOneTimeCode({ purpose: 'email_verification', userId }, code);
  if (check.ok) {
    await attempt.release();
    return check.code;
  }
  if (check.reason !== 'mismatch' && (await db.user.findUnique({ where: { id: userId }, select: { emailVerified: true } }))?.emailVerified) {
    await attempt.release();
    return null;
  }
  throw new AppError(IdentityErrors.invalid_code, undefined, { code: 'invalid_code' });
}

/**
 * In the caller's transaction: consumes the checked code and marks the address verified (audited),
 * removing what was set up before the proof (address-proof.ts) but the prover's own sign-in
 * request and SSO session (`keep`), when the code is entered in one.
 */
export async function applyEmailVerification(tx: Tx, code: OneTimeCode, ip: string, keep?: { requestId: string; ssoSessionId: string | null }): Promise<void> {
  const invalid = () => new AppError(IdentityErrors.invalid_code, undefined, { code: 'invalid_code' });
  if (!code.userId || !(await consumeOneTimeCode(tx, code.id))) throw invalid();
  const user = await tx.user.findUnique({ where: { id: code.userId } });
  // The address changed since the code was sent: the code proves nothing about the new one.
  if (!user || user.email !== code.target) throw invalid();
  await proveAddressControl(tx, user.id, { via: 'email_verification', ip, keep });
}

/**
 * The emailed link's page: verifies `userId`'s address with a code from the email (no sign-in
 * request needed). `bound`: the sign-in requests of the browser that opened the link (its request
 * cookies); the user's request among them survives the proof and may go on ("continue"), every
 * other one of the user's requests ends with it (address-proof.ts).
 */
export async function verifyEmailWithLink(input: {
  userId: string;
  code: string;
  ip: string;
  bound?: ReadonlyArray<{ requestId: string; bindingSecret: string }>;
}): Promise<{ alreadyVerified: boolean }> {
  const code = await checkVerificationCode(input.userId, input.code, input.ip);
  if (!code) return { alreadyVerified: true };
  const keep = await boundRequestOf(input.userId, input.bound ?? []);
  await transaction((tx) => applyEmailVerification(tx, code, input.ip, keep ?? undefined));
  return { alreadyVerified: false };
}

/** The hosted request of `userId` this browser is bound to (its binding secret matches), or null. */
async function boundRequestOf(userId: string, bound: ReadonlyArray<{ requestId: string; bindingSecret: string }>) {
  const ids = bound.map((entry) => entry.requestId).filter((id) => UUID.test(id));
  if (!ids.length) return null;
  const rows = await db.authorizationRequest.findMany({ where: { id: { in: ids }, userId, surface: 'hosted' }, select: { id: true, bindingHash: true, ssoSessionId: true } });
  const row = rows.find((candidate) => bound.some((entry) => entry.requestId === candidate.id && safeEqual(sha256(entry.bindingSecret), candidate.bindingHash)));
  return row ? { requestId: row.id, ssoSessionId: row.ssoSessionId } : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
