import { createHash, randomUUID } from 'node:crypto';
import { config, SIGNING_ALGORITHMS, type SigningAlgorithm } from '@/lib/config';
import { randomToken, sha256 } from '@/lib/crypto/tokens';
import type { Tx } from '@/lib/db';
import type { App, User } from '@/lib/db/generated/client';
import {
  HookErrors,
  runBeforeTokenIssued,
  toHookApp,
  toHookUser,
  withAccessTokenHookClaims,
  withIdTokenHookClaims,
  type IdTokenClaimsContext,
  type UserGrantType,
} from '@/lib/hooks';
import { tokenOrgSlug } from '@/lib/orgs/token-org';
import { attributeClaimsOf } from '@/lib/user-attributes/claims';
import { getUserRolesAndPermissions } from '@/lib/users/service';
import { AppError, isAppError } from '@/lib/errors';
import { OAuthErrors } from './errors';
import { ACCESS_TOKEN_TYPE, signJwt } from './jwt';

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  /** Melody Auth's SDKs read these epoch-second fields. */
  expires_on: number;
  not_before: number;
  scope: string;
  id_token?: string;
  refresh_token?: string;
  refresh_token_expires_in?: number;
  refresh_token_expires_on?: number;
}

export interface UserTokenGrant {
  app: Pick<App, 'id' | 'clientId' | 'name' | 'type' | 'idTokenSignedResponseAlg'>;
  user: Pick<User, 'id' | 'email' | 'emailVerified' | 'firstName' | 'lastName' | 'locale'>;
  scopes: string[];
  authTime: Date;
  amr: string[];
  nonce: string | null;
  orgSlug: string;
  familyId: string;
  ssoSessionId: string | null;
  impersonatedById?: string | null;
}

/** The algorithm of an app's ID tokens: its id_token_signed_response_alg, else SIGNING_ALGORITHM. */
export function idTokenAlgorithm(app: Pick<App, 'idTokenSignedResponseAlg'>): SigningAlgorithm {
  const chosen = app.idTokenSignedResponseAlg;
  return chosen && (SIGNING_ALGORITHMS as readonly string[]).includes(chosen) ? (chosen as SigningAlgorithm) : config().signingAlgorithm;
}

/**
 * at_hash (OIDC Core §3.1.3.6): left half of the hash of the access token, with the hash of the ID
 * token's algorithm: SHA-256 for RS256 and ES256, SHA-512 for EdDSA over Ed25519 (as oidc-provider
 * and the OpenID certification suite compute it).
 */
function accessTokenHash(accessToken: string, alg: SigningAlgorithm): string {
  const digest = createHash(alg === 'EdDSA' ? 'sha512' : 'sha256').update(accessToken).digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

/** What the user's tokens say about them, read when the tokens are signed (a changed role counts at the next refresh). */
interface UserClaimData {
  roles: string[];
  /** The union of the roles' permissions (README "Roles"). */
  permissions: string[];
  /** Attributes flagged "include in ID token"; undefined with ENABLE_USER_ATTRIBUTE off or without an ID token. */
  idTokenAttributes: Record<string, string> | undefined;
}

async function userClaimData(grant: UserTokenGrant): Promise<UserClaimData> {
  const [{ roles, permissions }, idTokenAttributes] = await Promise.all([
    getUserRolesAndPermissions(grant.user.id),
    grant.scopes.includes('openid') ? attributeClaimsOf(grant.user.id, 'idToken') : undefined,
  ]);
  return { roles, permissions, idTokenAttributes };
}

/**
 * `claims` plus what the beforeTokenIssued pre-hook adds; its refusal is the OAuth error
 * access_denied with the hook's message as error_description.
 */
async function withPreHookClaims<T extends object>(event: Parameters<typeof runBeforeTokenIssued>[0], claims: T, locale?: string): Promise<T> {
  try {
    return { ...(await runBeforeTokenIssued(event, claims, locale)), ...claims };
  } catch (error) {
    if (isAppError(error) && error.code === HookErrors.hook_denied.code) throw new AppError(OAuthErrors.access_denied, error.message);
    throw error;
  }
}

async function signUserAccessToken(grant: UserTokenGrant, data: UserClaimData, hookContext: IdTokenClaimsContext, now: number) {
  const expiresIn = config().spaAccessTokenExpiresIn;
  const preHookEvent = { grantType: hookContext.grantType, app: hookContext.app, user: hookContext.user, scopes: hookContext.scopes };
  const claims = await withAccessTokenHookClaims(hookContext, await withPreHookClaims(preHookEvent, {
    sub: grant.user.id,
    aud: grant.app.clientId,
    azp: grant.app.clientId,
    client_id: grant.app.clientId,
    scope: grant.scopes.join(' '),
    jti: randomUUID(),
    auth_time: Math.floor(grant.authTime.getTime() / 1000),
    roles: data.roles,
    permissions: data.permissions,
    ...(grant.orgSlug ? { org: grant.orgSlug } : {}),
    ...(grant.impersonatedById ? { impersonatedBy: grant.impersonatedById } : {}),
  }, grant.user.locale));
  const token = await signJwt(claims, { type: ACCESS_TOKEN_TYPE, expiresIn, now });
  return { token, expiresIn };
}

async function signIdToken(
  grant: UserTokenGrant,
  data: UserClaimData,
  hookContext: IdTokenClaimsContext,
  accessToken: string,
  now: number,
  includeNonce: boolean,
) {
  const { user } = grant;
  const alg = idTokenAlgorithm(grant.app);
  const claims = await withIdTokenHookClaims(hookContext, {
    sub: user.id,
    aud: grant.app.clientId,
    azp: grant.app.clientId,
    auth_time: Math.floor(grant.authTime.getTime() / 1000),
    amr: grant.amr,
    at_hash: accessTokenHash(accessToken, alg),
    ...(includeNonce && grant.nonce ? { nonce: grant.nonce } : {}),
    ...(grant.ssoSessionId ? { sid: grant.ssoSessionId } : {}),
    email: user.email,
    email_verified: user.emailVerified,
    locale: user.locale,
    ...(user.firstName ? { given_name: user.firstName, first_name: user.firstName } : {}),
    ...(user.lastName ? { family_name: user.lastName, last_name: user.lastName } : {}),
    roles: data.roles,
    ...(grant.orgSlug ? { org: grant.orgSlug } : {}),
    ...(data.idTokenAttributes ? { attributes: data.idTokenAttributes } : {}),
  });
  return signJwt(claims, { type: 'JWT', expiresIn: config().idTokenExpiresIn, now, alg });
}

/** A refresh token: the secret goes to the client once, the row stores only its hash. */
function newRefreshToken(grant: UserTokenGrant, parentId: string | null, fixedExpiresAt?: Date) {
  const secret = randomToken(32);
  const expiresAt = fixedExpiresAt ?? new Date(Date.now() + config().spaRefreshTokenExpiresIn * 1000);
  const expiresIn = Math.max(0, Math.round((expiresAt.getTime() - Date.now()) / 1000));
  const row = {
    tokenHash: sha256(secret),
    familyId: grant.familyId,
    parentId,
    appId: grant.app.id,
    userId: grant.user.id,
    scopes: grant.scopes,
    authTime: grant.authTime,
    amr: grant.amr,
    orgSlug: grant.orgSlug,
    impersonatedById: grant.impersonatedById ?? null,
    ssoSessionId: grant.ssoSessionId,
    expiresAt,
  };
  return { secret, expiresIn, expiresAt, row };
}

export interface PreparedTokens {
  response: TokenResponse;
  /** Writes what must be stored (the refresh token's hash); run it in the grant's transaction. */
  persist: (tx: Tx) => Promise<void>;
}

/**
 * Signs the access token (and the ID token when `openid` was granted) and prepares a refresh
 * token when `offline_access` was granted. Signing happens before the caller's transaction so
 * no database connection is held while keys load or JWTs are signed. The deployer's claim hooks
 * (lib/hooks) see `grantType`; without it, a call with a parent refresh token counts as
 * refresh_token and any other as authorization_code.
 */
export async function prepareUserTokens(
  requestedGrant: UserTokenGrant,
  options: {
    refresh: 'new' | 'none';
    parentRefreshTokenId?: string | null;
    includeNonce: boolean;
    /** A fixed end instead of SPA_REFRESH_TOKEN_EXPIRES_IN from now (impersonation: 30 min, kept across rotations). */
    refreshExpiresAt?: Date;
    grantType?: UserGrantType;
  },
): Promise<PreparedTokens> {
  // The grant's org is what was asked for; the tokens (and the refresh token's row) carry only a
  // membership (lib/orgs/token-org), checked again at every refresh.
  const grant = { ...requestedGrant, orgSlug: await tokenOrgSlug(requestedGrant.user.id, requestedGrant.orgSlug) };
  const data = await userClaimData(grant);
  const now = Math.floor(Date.now() / 1000);
  const hookContext: IdTokenClaimsContext = {
    grantType: options.grantType ?? (options.parentRefreshTokenId ? 'refresh_token' : 'authorization_code'),
    app: toHookApp(grant.app),
    user: toHookUser(grant.user),
    roles: [...data.roles],
    scopes: [...grant.scopes],
    orgSlug: grant.orgSlug,
  };
  const access = await signUserAccessToken(grant, data, hookContext, now);
  const response: TokenResponse = {
    access_token: access.token,
    token_type: 'Bearer',
    expires_in: access.expiresIn,
    expires_on: now + access.expiresIn,
    not_before: now,
    scope: grant.scopes.join(' '),
  };
  if (grant.scopes.includes('openid')) {
    response.id_token = await signIdToken(grant, data, hookContext, access.token, now, options.includeNonce);
  }
  if (options.refresh === 'new' && grant.scopes.includes('offline_access')) {
    const refresh = newRefreshToken(grant, options.parentRefreshTokenId ?? null, options.refreshExpiresAt);
    response.refresh_token = refresh.secret;
    response.refresh_token_expires_in = refresh.expiresIn;
    response.refresh_token_expires_on = Math.floor(refresh.expiresAt.getTime() / 1000);
    return { response, persist: async (tx) => void (await tx.refreshToken.create({ data: refresh.row })) };
  }
  return { response, persist: async () => {} };
}

export async function issueClientAccessToken(app: Pick<App, 'id' | 'clientId' | 'name' | 'type'>, scopes: string[]): Promise<TokenResponse> {
  const now = Math.floor(Date.now() / 1000);
  const expiresIn = config().s2sAccessTokenExpiresIn;
  const hookApp = toHookApp(app);
  const claims = await withAccessTokenHookClaims(
    { grantType: 'client_credentials', app: hookApp, user: null, roles: [], scopes: [...scopes], orgSlug: '' },
    await withPreHookClaims(
      { grantType: 'client_credentials', app: hookApp, user: null, scopes: [...scopes] },
      { sub: app.clientId, aud: app.clientId, azp: app.clientId, client_id: app.clientId, scope: scopes.join(' '), jti: randomUUID() },
    ),
  );
  const token = await signJwt(claims, { type: ACCESS_TOKEN_TYPE, expiresIn, now });
  return { access_token: token, token_type: 'Bearer', expires_in: expiresIn, expires_on: now + expiresIn, not_before: now, scope: scopes.join(' ') };
}
