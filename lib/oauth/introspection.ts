import { config } from '@/lib/config';
import { sha256 } from '@/lib/crypto/tokens';
import { db } from '@/lib/db';
import { AppError, isAppError } from '@/lib/errors';
import { mayIntrospect } from '@/lib/access/targets';
import { authenticateConfidentialClient, readClientCredentials } from './client-auth';
import { OAuthErrors } from './errors';
import { checkOAuthForm, isJwtShaped } from './form';
import { isUserSubject, verifyAccessToken, type AccessTokenClaims } from './jwt';

export type IntrospectionResponse =
  | { active: false }
  | {
      active: true;
      /** 'Bearer' for access tokens; 'refresh_token' so a resource server never mistakes one for the other. */
      token_type: 'Bearer' | 'refresh_token';
      scope: string;
      client_id: string;
      sub: string;
      iss: string;
      exp: number;
      iat: number;
      aud?: string | string[];
      jti?: string;
      auth_time?: number;
      roles?: string[];
    };

// RFC 7662 §2.2: an inactive token gets nothing but this, whatever the reason.
const INACTIVE = { active: false } as const;

/**
 * POST /oauth2/v1/introspect (RFC 7662). Only authenticated S2S clients (our resource servers)
 * holding root or flagged allowIntrospection may ask (§2.1, §4: otherwise the endpoint is a
 * token-scanning oracle for every app that has a secret; lib/access decides).
 */
export async function handleIntrospectionRequest(form: URLSearchParams, authorization: string | null): Promise<IntrospectionResponse> {
  checkOAuthForm(form);
  const caller = await authenticateConfidentialClient(readClientCredentials(authorization, form));
  if (caller.type !== 's2s') throw new AppError(OAuthErrors.invalid_client, 'Only S2S clients may introspect tokens.');
  if (!mayIntrospect(caller)) throw new AppError(OAuthErrors.unauthorized_client, 'This app may not introspect tokens: it needs root or allowIntrospection.');
  const token = form.get('token');
  if (!token) throw new AppError(OAuthErrors.invalid_request, 'token is required.');
  return isJwtShaped(token) ? introspectAccessToken(token) : introspectRefreshToken(token);
}

/**
 * Signature, issuer and expiry first; then what a JWT cannot say by itself: whether its client
 * and user are still active (a resource server that introspects gets the current answer).
 */
async function introspectAccessToken(token: string): Promise<IntrospectionResponse> {
  let claims: AccessTokenClaims;
  try {
    claims = await verifyAccessToken(token);
  } catch (error) {
    if (isAppError(error)) return INACTIVE;
    throw error;
  }
  const app = await db.app.findUnique({ where: { clientId: claims.client_id }, select: { isActive: true } });
  if (!app?.isActive) return INACTIVE;
  if (isUserSubject(claims.sub)) {
    const user = await db.user.findUnique({ where: { id: claims.sub }, select: { isActive: true } });
    if (!user?.isActive) return INACTIVE;
  }
  return {
    active: true,
    token_type: 'Bearer',
    scope: claims.scope,
    client_id: claims.client_id,
    sub: claims.sub,
    iss: claims.iss!,
    exp: claims.exp!,
    iat: claims.iat!,
    ...(claims.aud !== undefined ? { aud: claims.aud } : {}),
    ...(claims.jti ? { jti: claims.jti } : {}),
    ...(typeof claims.auth_time === 'number' ? { auth_time: claims.auth_time } : {}),
    ...(claims.roles ? { roles: claims.roles } : {}),
  };
}

/** A refresh token is active until it is revoked, rotated (used) or expired, or its app or user is deactivated. */
async function introspectRefreshToken(token: string): Promise<IntrospectionResponse> {
  const stored = await db.refreshToken.findUnique({
    where: { tokenHash: sha256(token) },
    include: { app: { select: { clientId: true, isActive: true } }, user: { select: { isActive: true } } },
  });
  if (!stored || stored.revokedAt || stored.rotatedAt || stored.expiresAt.getTime() <= Date.now()) return INACTIVE;
  if (!stored.app.isActive || !stored.user.isActive) return INACTIVE;
  return {
    active: true,
    token_type: 'refresh_token',
    scope: stored.scopes.join(' '),
    client_id: stored.app.clientId,
    sub: stored.userId,
    iss: config().issuer,
    exp: Math.floor(stored.expiresAt.getTime() / 1000),
    iat: Math.floor(stored.createdAt.getTime() / 1000),
    auth_time: Math.floor(stored.authTime.getTime() / 1000),
  };
}
