import { sha256 } from '@/lib/crypto/tokens';
import { scopesTheAppStillHas } from '@/lib/apps/service';
import { db, transaction } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { emitEvent } from '@/lib/events';
import { OAuthErrors } from './errors';
import { prepareUserTokens, type TokenResponse } from './tokens';

const invalidGrant = (message: string) => new AppError(OAuthErrors.invalid_grant, message);

/** Revokes every live token of a grant: the family shares one familyId across rotations. */
export async function revokeFamily(familyId: string, reason: string) {
  await db.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: reason } });
}

/**
 * refresh_token grant. With rotation (the default) each refresh token works once and is
 * replaced; presenting a rotated token again means it leaked, so its whole family is revoked.
 * Apps that keep the first refresh token (Melody's SDKs) turn rotation off per app.
 */
export async function exchangeRefreshToken(input: { refreshToken: string; clientId?: string }): Promise<TokenResponse> {
  const stored = await db.refreshToken.findUnique({
    where: { tokenHash: sha256(input.refreshToken) },
    include: { app: true, user: true },
  });
  if (!stored) throw invalidGrant('The refresh token is invalid.');
  if (input.clientId !== undefined && input.clientId !== stored.app.clientId) {
    throw invalidGrant('The refresh token was issued to another client.');
  }
  if (stored.revokedAt) throw invalidGrant('The refresh token has been revoked.');
  if (stored.rotatedAt) {
    await revokeFamily(stored.familyId, 'reuse_detected');
    throw invalidGrant('The refresh token has already been used.');
  }
  if (stored.expiresAt.getTime() <= Date.now()) throw invalidGrant('The refresh token has expired.');
  if (!stored.app.isActive) throw invalidGrant('The client is inactive.');
  if (!stored.user.isActive) throw invalidGrant('The user is inactive.');

  const rotate = stored.app.rotateRefreshTokens;
  // The grant's scopes, less those removed from the app since (issue 12 item 8).
  const scopes = await scopesTheAppStillHas(stored.appId, stored.scopes);
  const grant = {
    app: stored.app,
    user: stored.user,
    scopes,
    authTime: stored.authTime,
    amr: stored.amr,
    nonce: null,
    orgSlug: stored.orgSlug,
    familyId: stored.familyId,
    ssoSessionId: stored.ssoSessionId,
    impersonatedById: stored.impersonatedById,
  };

  const prepared = await prepareUserTokens(grant, {
    refresh: rotate ? 'new' : 'none',
    parentRefreshTokenId: stored.id,
    includeNonce: false,
    grantType: 'refresh_token',
    // An impersonation keeps its 30-minute end across rotations.
    ...(stored.impersonatedById ? { refreshExpiresAt: stored.expiresAt } : {}),
  });
  const outcome = await transaction(async (tx) => {
    if (rotate) {
      const claimed = await tx.refreshToken.updateMany({
        where: { id: stored.id, rotatedAt: null, revokedAt: null },
        data: { rotatedAt: new Date() },
      });
      if (claimed.count === 0) return { reused: true as const };
    }
    await prepared.persist(tx);
    await emitEvent(tx, { type: 'app', id: stored.app.clientId }, 'oauth.token.issued', {
      authId: stored.userId,
      clientId: stored.app.clientId,
      grantType: 'refresh_token',
      scopes,
    });
    return { reused: false as const };
  });
  if (outcome.reused) {
    await revokeFamily(stored.familyId, 'reuse_detected');
    throw invalidGrant('The refresh token has already been used.');
  }
  const tokens = prepared.response;
  if (!rotate) {
    tokens.refresh_token_expires_in = Math.max(0, Math.floor((stored.expiresAt.getTime() - Date.now()) / 1000));
    tokens.refresh_token_expires_on = Math.floor(stored.expiresAt.getTime() / 1000);
  }
  return tokens;
}
