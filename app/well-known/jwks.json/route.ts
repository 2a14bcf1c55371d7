import { NextResponse } from 'next/server';
import { oauthErrorResponse } from '@/lib/http/errors';
import { getPublicJwks } from '@/lib/keys';

// Served at /.well-known/jwks.json through a rewrite in next.config.ts. Short cache: a rotated
// key must reach verifiers quickly.
export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    return NextResponse.json({ keys: await getPublicJwks() }, { headers: { 'Cache-Control': 'public, max-age=60' } });
  } catch (error) {
    return oauthErrorResponse(error);
  }
}
