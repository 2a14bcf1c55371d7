import { config } from '@/lib/config';
import { randomToken, sha256 } from '@/lib/crypto/tokens';
import { db, transaction, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { emitEvent } from '@/lib/events';
import { runAfterCodeExchange, toHookApp, toHookUser } from '@/lib/hooks';
import { scopesTheAppStillHas } from '@/lib/apps/service';
import { OAuthErrors } from './errors';
import { verifyPkce } from './pkce';
import { prepareUserTokens, type TokenResponse } from './tokens';

export interface CodeGrant {
  appId: string;
  userId: string;
  redirectUri: string;
  scopes: string[];
  nonce: string | null;
  codeChallenge: string;
  codeChallengeMethod: string;
  authTime: Date;
  amr: string[];
  orgSlug: string;
  ssoSessionId: string | null;
}

/**
 * Mints a single-use code; only its hash is stored. `code` is given by embedded sign-ins, whose
 * session id becomes the code that token-exchange redeems.
 */
export async function issueAuthorizationCode(tx: Tx, grant: CodeGrant, code = randomToken(32)): Promise<string> {
  await tx.authorizationCode.create({
    data: {
      ...grant,
      codeHash: sha256(code),
      expiresAt: new Date(Date.now() + config().authorizationCodeExpiresIn * 1000),
    },
  });
  return code;
}

export interface CodeExchangeInput {
  code: string;
  codeVerifier?: string;
  redirectUri?: string;
  /** Set when the client identified itself (client_id parameter or HTTP Basic). */
  clientId?: string;
}

const invalidGrant = (message: string) => new AppError(OAuthErrors.invalid_grant, message);

/** Revokes every refresh token minted from a code that is being replayed (RFC 9700 §4.5). */
async function revokeTokensOfReplayedCode(familyId: string) {
  await db.refreshToken.updateMany({
    where: { familyId, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: 'code_replay' },
  });
}

/**
 * authorization_code grant. Every check runs before the code is consumed, so a failed attempt
 * changes nothing; a second use of a consumed code revokes what the first use issued.
 */
export async function exchangeAuthorizationCode(input: CodeExchangeInput): Promise<TokenResponse> {
  const stored = await db.authorizationCode.findUnique({
    where: { codeHash: sha256(input.code) },
    include: { app: true, user: true },
  });
  if (!stored) throw invalidGrant('The authorization code is invalid.');
  if (stored.usedAt) {
    await revokeTokensOfReplayedCode(stored.tokenFamilyId);
    throw invalidGrant('The authorization code has already been used.');
  }
  if (stored.expiresAt.getTime() <= Date.now()) throw invalidGrant('The authorization code has expired.');
  if (input.clientId !== undefined && input.clientId !== stored.app.clientId) {
    throw invalidGrant('The authorization code was issued to another client.');
  }
  if (input.redirectUri !== undefined && input.redirectUri !== stored.redirectUri) {
    throw invalidGrant('redirect_uri does not match the authorization request.');
  }
  if (!input.codeVerifier) throw new AppError(OAuthErrors.invalid_request, 'code_verifier is required.');
  if (!verifyPkce(input.codeVerifier, stored.codeChallenge, stored.codeChallengeMethod)) {
    throw invalidGrant('code_verifier does not match the code challenge.');
  }
  if (!stored.app.isActive) throw invalidGrant('The client is inactive.');
  if (!stored.user.isActive) throw invalidGrant('The user is inactive.');

  const scopes = await scopesTheAppStillHas(stored.appId, stored.scopes);

  const prepared = await prepareUserTokens(
    {
      app: stored.app,
      user: stored.user,
      scopes,
      authTime: stored.authTime,
      amr: stored.amr,
      nonce: stored.nonce,
      orgSlug: stored.orgSlug,
      familyId: stored.tokenFamilyId,
      ssoSessionId: stored.ssoSessionId,
    },
    { refresh: 'new', includeNonce: true, grantType: 'authorization_code' },
  );
  const outcome = await transaction(async (tx) => {
    // Conditional update: of two concurrent exchanges exactly one wins.
    const consumed = await tx.authorizationCode.updateMany({ where: { id: stored.id, usedAt: null }, data: { usedAt: new Date() } });
    if (consumed.count === 0) return { replayed: true as const };
    await tx.user.update({ where: { id: stored.userId }, data: { loginCount: { increment: 1 }, lastSignInAt: new Date() } });
    await prepared.persist(tx);
    await emitEvent(tx, { type: 'app', id: stored.app.clientId }, 'oauth.token.issued', {
      authId: stored.userId,
      clientId: stored.app.clientId,
      grantType: 'authorization_code',
      scopes,
    });
    return { replayed: false as const };
  });
  if (outcome.replayed) {
    await revokeTokensOfReplayedCode(stored.tokenFamilyId);
    throw invalidGrant('The authorization code has already been used.');
  }
  await runAfterCodeExchange({
    user: toHookUser(stored.user),
    app: toHookApp(stored.app),
    scopes,
    orgSlug: stored.orgSlug,
    idToken: prepared.response.id_token !== undefined,
    refreshToken: prepared.response.refresh_token !== undefined,
  });
  return prepared.response;
}
