import { decodeProtectedHeader, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { config, SIGNING_ALGORITHMS, type SigningAlgorithm } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { getSigningKey, getVerificationKey } from '@/lib/keys';
import { OAuthErrors } from './errors';

export const ACCESS_TOKEN_TYPE = 'at+jwt';

/** Signs with the current key of `options.alg` (default SIGNING_ALGORITHM). */
export async function signJwt(payload: JWTPayload, options: { type: string; expiresIn: number; now?: number; alg?: SigningAlgorithm }): Promise<string> {
  const key = await getSigningKey(options.alg);
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

// The kid names one of our keys, and jose refuses an algorithm that does not fit the key's type, so
// accepting every algorithm we sign with cannot be turned into an algorithm confusion.
const OUR_ALGORITHMS = [...SIGNING_ALGORITHMS];

/** Verifies an access token this server issued (one of our keys, our issuer, RFC 9068 type). */
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
      algorithms: OUR_ALGORITHMS,
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

export interface IdTokenHintClaims {
  sub: string;
  /** The client the ID token was issued to. */
  aud: string;
  sid?: string;
}

// An expired ID token is still a valid logout hint (RP-Initiated Logout 1.0 §2), so expiry is
// not checked; how old a hint can be is bounded by key retirement (lib/keys).
const ANY_AGE = Number.MAX_SAFE_INTEGER;

/** Verifies that we issued an ID token presented as id_token_hint; returns null when we did not. */
export async function verifyIdTokenHint(token: string): Promise<IdTokenHintClaims | null> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    return null;
  }
  const key = kid ? await getVerificationKey(kid) : undefined;
  if (!key) return null;
  try {
    const { payload } = await jwtVerify(token, key, {
      issuer: config().issuer,
      algorithms: OUR_ALGORITHMS,
      typ: 'JWT',
      clockTolerance: ANY_AGE,
      requiredClaims: ['sub', 'aud'],
    });
    if (typeof payload.sub !== 'string' || typeof payload.aud !== 'string') return null;
    return { sub: payload.sub, aud: payload.aud, ...(typeof payload.sid === 'string' ? { sid: payload.sid } : {}) };
  } catch {
    return null;
  }
}
