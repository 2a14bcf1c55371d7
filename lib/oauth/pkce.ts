import { createHash } from 'node:crypto';
import { safeEqual } from '@/lib/crypto/tokens';

// RFC 7636 §4.1: 43–128 characters from the unreserved set.
const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;
// S256 challenges are base64url SHA-256 digests: exactly 43 characters.
const S256_CHALLENGE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type PkceMethod = 'S256' | 'plain';

export function isValidCodeVerifier(verifier: string): boolean {
  return VERIFIER_PATTERN.test(verifier);
}

export function isValidCodeChallenge(challenge: string, method: PkceMethod): boolean {
  return method === 'S256' ? S256_CHALLENGE_PATTERN.test(challenge) : VERIFIER_PATTERN.test(challenge);
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export function verifyPkce(verifier: string, challenge: string, method: string): boolean {
  if (!isValidCodeVerifier(verifier)) return false;
  const derived = method === 'S256' ? s256(verifier) : verifier;
  return safeEqual(derived, challenge);
}
