import { AppError } from '@/lib/errors';
import { OAuthErrors } from './errors';

const MAX_PARAM_LENGTH = 4096;

/**
 * Shape checks shared by the form-encoded OAuth endpoints (token, revocation, introspection):
 * RFC 6749 §3.2 says parameters must not be repeated, and a length cap keeps hashing and JWT
 * parsing of attacker-sized input cheap.
 */
export function checkOAuthForm(form: URLSearchParams): void {
  const duplicated = [...new Set(form.keys())].filter((name) => form.getAll(name).length > 1);
  if (duplicated.length) throw new AppError(OAuthErrors.invalid_request, `Parameters must not repeat: ${duplicated.join(', ')}`);
  const oversized = [...form.entries()].find(([, value]) => value.length > MAX_PARAM_LENGTH);
  if (oversized) throw new AppError(OAuthErrors.invalid_request, `Parameter ${oversized[0]} is too long.`);
}

/**
 * Our access tokens are JWTs (three dot-separated parts); refresh tokens are opaque base64url
 * strings without dots. The format tells them apart, so token_type_hint is never needed
 * (RFC 7009 §2.1 and RFC 7662 §2.1 let the server ignore it).
 */
export function isJwtShaped(token: string): boolean {
  return token.split('.').length === 3;
}
