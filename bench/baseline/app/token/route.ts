// The bare baseline: the same client_credentials-style RS256 access token as Tessera's
// POST /oauth2/v1/token (same header, claims and response fields), signed by jose with a key
// generated once per process. No database, no client authentication, no proxy, no config.
import { randomUUID } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import { NextResponse, type NextRequest } from 'next/server';

export const dynamic = 'force-dynamic';

const ISSUER = process.env.AUTH_SERVER_URL ?? 'http://localhost';
const EXPIRES_IN = 3600;
let keyPromise: ReturnType<typeof generateKeyPair> | undefined;

export async function POST(request: NextRequest) {
  const form = new URLSearchParams(await request.text());
  const basic = request.headers.get('authorization')?.slice(6) ?? '';
  const clientId = Buffer.from(basic, 'base64').toString('utf8').split(':')[0] || form.get('client_id') || 'anonymous';
  const scope = form.get('scope') ?? '';
  const { privateKey } = await (keyPromise ??= generateKeyPair('RS256', { modulusLength: 2048 }));
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ sub: clientId, aud: clientId, azp: clientId, client_id: clientId, scope, jti: randomUUID() })
    .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'baseline' })
    .setIssuer(ISSUER)
    .setIssuedAt(now)
    .setExpirationTime(now + EXPIRES_IN)
    .sign(privateKey);
  return NextResponse.json(
    { access_token: token, token_type: 'Bearer', expires_in: EXPIRES_IN, expires_on: now + EXPIRES_IN, not_before: now, scope },
    { headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } },
  );
}
