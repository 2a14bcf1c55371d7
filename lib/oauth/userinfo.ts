import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { attributeClaimsOf } from '@/lib/user-attributes/claims';
import { getUserRolesAndPermissions } from '@/lib/users/service';
import { config } from '@/lib/config';
import { OAuthErrors } from './errors';
import { verifyAccessToken } from './jwt';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Standard OIDC claims by scope plus Melody Auth's fields (authId, firstName, roles, …), so both
 * standard clients and Melody's SDKs read what they expect. With `profile`: the roles' permissions
 * and, with ENABLE_USER_ATTRIBUTE, the attributes flagged "include in userinfo" (Melody's
 * `attributes` object, keyed by attribute name).
 */
export async function getUserInfo(accessToken: string) {
  const claims = await verifyAccessToken(accessToken);
  const scopes = claims.scope.split(' ');
  // Client-credentials tokens carry the client id as subject: they have no user.
  if (!UUID_PATTERN.test(claims.sub)) throw new AppError(OAuthErrors.invalid_token, 'This access token has no user.');
  if (!scopes.includes('openid') && !scopes.includes('profile')) {
    throw new AppError(OAuthErrors.insufficient_scope, 'userinfo needs the openid or profile scope.');
  }
  const user = await db.user.findUnique({ where: { id: claims.sub }, include: { linkedUser: true } });
  if (!user || !user.isActive) throw new AppError(OAuthErrors.invalid_token, 'The user no longer exists or is inactive.');
  const profile = scopes.includes('profile');
  const [{ roles, permissions }, attributes] = await Promise.all([
    getUserRolesAndPermissions(user.id),
    profile ? attributeClaimsOf(user.id, 'userInfo') : undefined,
  ]);
  const names = config().enableNames && profile;

  return {
    sub: user.id,
    ...(profile
      ? {
          email: user.email,
          email_verified: user.emailVerified,
          locale: user.locale,
          updated_at: Math.floor(user.updatedAt.getTime() / 1000),
          ...(names && user.firstName ? { given_name: user.firstName } : {}),
          ...(names && user.lastName ? { family_name: user.lastName } : {}),
          ...(names && (user.firstName || user.lastName) ? { name: [user.firstName, user.lastName].filter(Boolean).join(' ') } : {}),
          authId: user.id,
          emailVerified: user.emailVerified,
          createdAt: user.createdAt.toISOString(),
          updatedAt: user.updatedAt.toISOString(),
          roles,
          permissions,
          ...(attributes ? { attributes } : {}),
          linkedAccount: user.linkedUser ? { authId: user.linkedUser.id, email: user.linkedUser.email } : null,
          ...(config().enableNames ? { firstName: user.firstName, lastName: user.lastName } : {}),
        }
      : {}),
  };
}
