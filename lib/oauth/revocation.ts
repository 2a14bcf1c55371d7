import { sha256 } from '@/lib/crypto/tokens';
import { db } from '@/lib/db';
import { AppError, isAppError } from '@/lib/errors';
import { identifyClient, readClientCredentials } from './client-auth';
import { OAuthErrors } from './errors';
import { checkOAuthForm, isJwtShaped } from './form';
import { verifyAccessToken } from './jwt';
import { revokeFamily } from './refresh-token';

/**
 * POST /oauth2/v1/revoke (RFC 7009). The client is identified first (§2.1); then the token is
 * revoked if it is one of that client's refresh tokens. Unknown, expired, malformed tokens and
 * tokens of other clients all get the same empty 200 (§2.2): an error for a foreign token would
 * tell a guessing client that the string is a live token, and nothing is revoked either way.
 */
export async function handleRevocationRequest(form: URLSearchParams, authorization: string | null): Promise<void> {
  checkOAuthForm(form);
  const client = await identifyClient(readClientCredentials(authorization, form));
  const token = form.get('token');
  if (!token) throw new AppError(OAuthErrors.invalid_request, 'token is required.');
  if (isJwtShaped(token)) return refuseAccessTokenRevocation(token, client.clientId);
  await revokeRefreshToken(token, { clientId: client.clientId }, 'revoked');
}

/**
 * Access tokens are self-contained JWTs: resource servers check them offline, so nothing we store
 * could stop one before it expires. Answering 200 would tell the client it is dead while it stays
 * usable, so a live access token of the caller gets unsupported_token_type, the code RFC 7009
 * §2.2.1 defines for exactly this case; anything else counts as an invalid token (200).
 */
async function refuseAccessTokenRevocation(token: string, clientId: string): Promise<void> {
  let tokenClientId: string;
  try {
    tokenClientId = (await verifyAccessToken(token)).client_id;
  } catch (error) {
    if (isAppError(error)) return;
    throw error;
  }
  if (tokenClientId === clientId) {
    throw new AppError(OAuthErrors.unsupported_token_type, 'Access tokens cannot be revoked; they expire on their own. Revoke the refresh token.');
  }
}

/**
 * Revokes a refresh token if it belongs to `owner`, together with its rotation family: the family
 * is one authorization grant (RFC 7009 §2.1 lets revocation end the underlying grant), and revoking
 * a single row would leave its live successor working whenever the client presents an older copy.
 */
export async function revokeRefreshToken(token: string, owner: { clientId: string; userId?: string }, reason: string): Promise<void> {
  const stored = await db.refreshToken.findUnique({
    where: { tokenHash: sha256(token) },
    select: { familyId: true, userId: true, app: { select: { clientId: true } } },
  });
  if (!stored || stored.app.clientId !== owner.clientId) return;
  if (owner.userId !== undefined && stored.userId !== owner.userId) return;
  await revokeFamily(stored.familyId, reason);
}
