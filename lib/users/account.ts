// A user's security sub-resources, managed by admins (S2S API, admin dashboard): locked IPs,
// email verification, consents, active sessions, account links, MFA enrollments, passkeys.
import { recordAudit } from '@/lib/audit';
import { emitEvent } from '@/lib/events';
import { config } from '@/lib/config';
import { db, transaction } from '@/lib/db';
import { sendEmail } from '@/lib/email';
import { AppError } from '@/lib/errors';
import { issueOneTimeCode } from '@/lib/one-time-codes';
import { listLockedIps, unlockAccount } from '@/lib/rate-limit';
import { requireUser, type UserAdminCaller } from './admin';
import { UserErrors } from './errors';
import { getUserRoleNames } from './service';

// ───────────────────────────── locked IPs ─────────────────────────────

/** IPs from which password sign-in is locked for this account ('' = any IP without a trusted proxy header). */
export async function getLockedIps(userId: string): Promise<string[]> {
  const user = await requireUser(userId);
  return user.email ? listLockedIps(user.email) : [];
}

export async function unlockLockedIps(caller: UserAdminCaller, userId: string): Promise<void> {
  const user = await requireUser(userId);
  if (user.email) await unlockAccount(user.email);
  await transaction((tx) => recordAudit(tx, caller.actor, { action: 'user.unlocked', targetType: 'user', targetId: userId }));
}

// ───────────────────────────── email verification ─────────────────────────────

/** Melody: verification codes live 2 hours. */
export const EMAIL_VERIFICATION_EXPIRES_IN = 7200;

/**
 * Sends a new verification code (6 digits; stored as a keyed hash in OneTimeCode, purpose
 * email_verification, replacing unused earlier ones) with a link to the hosted verification page
 * `/identity/v1/verify-email?id=<authId>&locale=<locale>`.
 */
export async function resendVerificationEmail(caller: UserAdminCaller, userId: string): Promise<void> {
  const user = await requireUser(userId);
  if (!user.email) throw new AppError(UserErrors.no_email);
  if (user.emailVerified) throw new AppError(UserErrors.email_already_verified);
  const code = await transaction(async (tx) => {
    // lib/one-time-codes: the hosted verify-email pages check codes there (keyed hash, attempts).
    const issued = await issueOneTimeCode(tx, { purpose: 'email_verification', userId, target: user.email! });
    await recordAudit(tx, caller.actor, { action: 'user.verification_email_sent', targetType: 'user', targetId: userId });
    return issued.code;
  });
  const link = new URL('/identity/v1/verify-email', config().authServerUrl);
  link.searchParams.set('id', userId);
  link.searchParams.set('locale', user.locale);
  await sendEmail({
    to: user.email,
    locale: user.locale,
    template: 'email_verification',
    data: { name: user.firstName, code, link: link.toString(), expiresIn: EMAIL_VERIFICATION_EXPIRES_IN },
  });
}

// ───────────────────────────── consents ─────────────────────────────

export async function listConsentedApps(userId: string) {
  await requireUser(userId);
  const consents = await db.consent.findMany({ where: { userId }, include: { app: { select: { name: true } } }, orderBy: { createdAt: 'asc' } });
  return consents.map((consent) => ({ appId: consent.appId, appName: consent.app.name, scopes: consent.scopes, createdAt: consent.createdAt }));
}

/** Withdraws the consent and revokes the user's live refresh tokens at that app. */
export async function revokeConsent(caller: UserAdminCaller, userId: string, appId: string): Promise<void> {
  await requireUser(userId);
  await transaction(async (tx) => {
    const before = await tx.consent.findUnique({ where: { userId_appId: { userId, appId } } });
    if (!before) throw new AppError(UserErrors.consent_not_found);
    await tx.consent.delete({ where: { id: before.id } });
    await tx.refreshToken.updateMany({ where: { userId, appId, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: 'consent_revoked' } });
    await recordAudit(tx, caller.actor, { action: 'user.consent_revoked', targetType: 'user', targetId: userId, before: { appId, scopes: before.scopes } });
  });
}

// ───────────────────────────── active sessions ─────────────────────────────

const liveTokens = (userId: string) => ({ userId, rotatedAt: null, revokedAt: null, expiresAt: { gt: new Date() } });

/**
 * Live refresh tokens (not rotated, revoked or expired), one per grant. sessionId is the token
 * family id: it stays the same when the token rotates and names no secret (Melody uses a
 * SHA-256 of its KV key for the same reason); expiredAt is epoch seconds, as in Melody.
 */
export async function listActiveSessions(userId: string) {
  await requireUser(userId);
  const [tokens, roles] = await Promise.all([
    db.refreshToken.findMany({
      where: liveTokens(userId),
      include: { app: { select: { clientId: true, name: true } } },
      orderBy: { createdAt: 'desc' },
    }),
    getUserRoleNames(userId),
  ]);
  const seen = new Set<string>();
  return tokens
    .filter((token) => !seen.has(token.familyId) && seen.add(token.familyId))
    .map((token) => ({
      sessionId: token.familyId,
      authId: userId,
      clientId: token.app.clientId,
      appName: token.app.name,
      scope: token.scopes.join(' '),
      roles,
      expiredAt: Math.floor(token.expiresAt.getTime() / 1000),
      createdAt: token.createdAt,
      impersonatedBy: token.impersonatedById,
    }));
}

/** Revokes every token of the session's family (404 when none of them is live). */
export async function revokeActiveSession(caller: UserAdminCaller, userId: string, sessionId: string): Promise<void> {
  await requireUser(userId);
  await transaction(async (tx) => {
    const live = await tx.refreshToken.count({ where: { ...liveTokens(userId), familyId: sessionId } });
    if (!live) throw new AppError(UserErrors.session_not_found);
    await tx.refreshToken.updateMany({ where: { userId, familyId: sessionId, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: 'admin_revoked' } });
    await recordAudit(tx, caller.actor, { action: 'user.session_revoked', targetType: 'user', targetId: userId, before: { sessionId } });
    await emitEvent(tx, caller.actor, 'identity.session.revoked', { authId: userId, sessionId });
  });
}

// ───────────────────────────── account linking ─────────────────────────────

/** Links two accounts both ways (Melody's linkedAuthId), in one transaction. */
export async function linkAccounts(caller: UserAdminCaller, userId: string, linkingId: string): Promise<void> {
  if (userId === linkingId) throw new AppError(UserErrors.cannot_link_self);
  await transaction(async (tx) => {
    const user = await requireUser(userId, tx);
    const target = await requireUser(linkingId, tx);
    if (user.linkedUserId || target.linkedUserId) throw new AppError(UserErrors.already_linked);
    await tx.user.update({ where: { id: userId }, data: { linkedUserId: linkingId } });
    await tx.user.update({ where: { id: linkingId }, data: { linkedUserId: userId } });
    await recordAudit(tx, caller.actor, { action: 'user.linked', targetType: 'user', targetId: userId, after: { linkedAuthId: linkingId } });
    await recordAudit(tx, caller.actor, { action: 'user.linked', targetType: 'user', targetId: linkingId, after: { linkedAuthId: userId } });
  });
}

/** Unlinks both sides; nothing to do when the user is not linked. */
export async function unlinkAccount(caller: UserAdminCaller, userId: string): Promise<void> {
  await transaction(async (tx) => {
    const user = await requireUser(userId, tx);
    const partnerId = user.linkedUserId;
    if (!partnerId) return;
    await tx.user.update({ where: { id: userId }, data: { linkedUserId: null } });
    await tx.user.updateMany({ where: { id: partnerId, linkedUserId: userId }, data: { linkedUserId: null } });
    await recordAudit(tx, caller.actor, { action: 'user.unlinked', targetType: 'user', targetId: userId, before: { linkedAuthId: partnerId } });
    await recordAudit(tx, caller.actor, { action: 'user.unlinked', targetType: 'user', targetId: partnerId, before: { linkedAuthId: userId } });
  });
}

