// Generated from lib/integration/snippets.ts (snippet "api-jose") by `npm run examples:sync`:
// the dashboard's Integrate tab shows this same code with an app's own values. Edit the snippet, not this file.
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

// Verifying Tessera access tokens in your API (RFC 9068 JWTs). A user's access token is issued
// to the app they signed in to: its audience is that app's client ID.
const issuer = process.env.TESSERA_ISSUER!;
const audience = process.env.TESSERA_AUDIENCE!;
const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', issuer));

export interface AccessToken extends JWTPayload {
  sub: string;
  scope: string;
  roles?: string[];
}

/** Signature (against the JWKS, keys cached and refreshed on rotation), issuer, audience, expiry, type. */
export async function verifyAccessToken(token: string): Promise<AccessToken> {
  const { payload } = await jwtVerify<AccessToken>(token, jwks, { issuer, audience, typ: 'at+jwt' });
  return payload;
}

export const hasScope = (token: AccessToken, scope: string) => token.scope.split(' ').includes(scope);
export const hasRole = (token: AccessToken, role: string) => token.roles?.includes(role) ?? false;
