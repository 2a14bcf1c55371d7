import { decodeProtectedHeader, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { config } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { getSigningKey, getVerificationKey } from '@/lib/keys';
import { OAuthErrors } from './errors';

export const ACCESS_TOKEN_TYPE = 'at+jwt';

export async function signJwt(payload: JWTPayload, options: { type: string; expiresIn: number; now?: number }): Promise<string> {
  const key = await getSigningKey();
  const now = options.now ?? Math.floor(Date.now() / 1000);
  return new SignJWT(payload)
    .setProtectedHeader({ alg: key.alg, typ: options.type, kid: key.kid })
    .setIssuer(config().issuer)
    .setIssuedAt(now)
    .setExpirationTime(now + options.expiresIn)
    .sign(key.privateKey);
}

export interface AccessTokenClaims extends JWTPayload {
  sub: string;
  azp: string;
  client_id: string;
  scope: string;
  roles?: string[];
}

/** Verifies an access token this server issued (RS256, our issuer, RFC 9068 type). */
export async function verifyAccessToken(token: string): Promise<AccessTokenClaims> {
  const invalid = (message: string) => new AppError(OAuthErrors.invalid_token, message);
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    throw invalid('The access token is malformed.');
  }
  const key = kid ? await getVerificationKey(kid) : undefined;
  if (!key) throw invalid('The access token was not signed by a current key.');
  try {
    const { payload } = await jwtVerify(token, key, {
      issuer: config().issuer,
      algorithms: ['RS256'],
      typ: ACCESS_TOKEN_TYPE,
      requiredClaims: ['sub', 'exp', 'iat', 'scope'],
    });
    if (typeof payload.scope !== 'string' || typeof payload.azp !== 'string') throw new Error('claims');
    return payload as AccessTokenClaims;
  } catch {
    throw invalid('The access token is invalid or expired.');
  }
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** User tokens carry the user's id as subject; client-credentials tokens carry the client id. */
export function isUserSubject(sub: string): boolean {
  return UUID_PATTERN.test(sub);
}
