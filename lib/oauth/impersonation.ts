// Impersonation (Melody POST /users/:authId/impersonation/:appId, root only): a super_admin signed
// in to a SPA gets a short-lived refresh token of another user at a SPA app, redeemable at the
// refresh_token grant; every token minted from it carries impersonatedBy. The admin dashboard
// calls it with its session instead: the impersonator is the session's user, who needs root or
// the impersonation right.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '@/lib/audit';
import { config } from '@/lib/config';
import { db, transaction } from '@/lib/db';
import { isRoot } from '@/lib/access/scopes';
import { assertMayActOnUser, rightsOfUser } from '@/lib/access/targets';
import { AppError } from '@/lib/errors';
import { isUserSubject, verifyAccessToken } from '@/lib/oauth/jwt';
import { prepareUserTokens } from '@/lib/oauth/tokens';
import { requireUser, type UserAdminCaller } from '@/lib/users/admin';
import { UserErrors } from '@/lib/users/errors';

/** Melody: impersonation refresh tokens live 30 minutes, also across rotations. */
export const IMPERSONATION_EXPIRES_IN = 1800;
const IMPERSONATION_SCOPES = ['offline_access', 'profile'];

/**
 * Who impersonates: the holder of a super_admin's SPA access token (S2S callers, as in Melody),
 * or the admin dashboard session's user (the API guard has checked their right).
 */
export type Impersonator = { token: string } | { adminUserId: string };

async function resolveImpersonator(source: Impersonator) {
  if ('adminUserId' in source) {
    const admin = await db.user.findUnique({ where: { id: source.adminUserId } });
    return admin?.isActive ? admin : null;
  }
  const claims = await verifyAccessToken(source.token).catch(() => null);
  if (!claims || !isUserSubject(claims.sub)) return null;
  const app = await db.app.findUnique({ where: { clientId: claims.azp } });
  if (!app || app.type !== 'spa' || !app.isActive) return null;
  const impersonator = await db.user.findUnique({ where: { id: claims.sub } });
  if (!impersonator?.isActive) return null;
  return isRoot(await rightsOfUser(impersonator.id)) ? impersonator : null;
}

export async function impersonateUser(caller: UserAdminCaller, userId: string, appId: string, source: Impersonator) {
  const impersonator = await resolveImpersonator(source);
  if (!impersonator) throw new AppError(UserErrors.invalid_impersonator);
  const user = await requireUser(userId);
  if (!user.isActive) throw new AppError(UserErrors.user_inactive);
  // A caller without root (an admin holding the impersonation right) may not become someone with
  // more rights: the API checked it before the call; asked again here, next to the minting.
  await assertMayActOnUser(caller, userId);
  const app = await db.app.findUnique({ where: { id: appId } });
  if (!app) throw new AppError(UserErrors.app_not_found);
  if (app.type !== 'spa' || !app.isActive) throw new AppError(UserErrors.impersonation_app_invalid);
  if (config().enableUserAppConsent && !app.skipConsent) {
    const consent = await db.consent.findUnique({ where: { userId_appId: { userId, appId } } });
    if (!consent || IMPERSONATION_SCOPES.some((scope) => !consent.scopes.includes(scope))) throw new AppError(UserErrors.consent_required);
  }
  const org = user.activeOrgId ? await db.org.findUnique({ where: { id: user.activeOrgId }, select: { slug: true } }) : null;
  const expiresAt = new Date(Date.now() + IMPERSONATION_EXPIRES_IN * 1000);
  const prepared = await prepareUserTokens(
    {
      app,
      user,
      scopes: IMPERSONATION_SCOPES,
      authTime: new Date(),
      amr: [],
      nonce: null,
      orgSlug: org?.slug ?? '',
      familyId: randomUUID(),
      ssoSessionId: null,
      impersonatedById: impersonator.id,
    },
    { refresh: 'new', includeNonce: false, refreshExpiresAt: expiresAt },
  );
  await transaction(async (tx) => {
    await prepared.persist(tx);
    await recordAudit(tx, caller.actor, {
      action: 'user.impersonated',
      targetType: 'user',
      targetId: userId,
      after: { impersonatedBy: impersonator.id, appId, expiresAt },
    });
  });
  return {
    refresh_token: prepared.response.refresh_token!,
    refresh_token_expires_in: IMPERSONATION_EXPIRES_IN,
    refresh_token_expires_on: Math.floor(expiresAt.getTime() / 1000),
  };
}
