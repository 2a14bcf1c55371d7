import { NextResponse } from 'next/server';
import { oauthErrorResponse } from '@/lib/http/errors';
import { PUBLIC_CORS_HEADERS, publicCorsPreflight } from '@/lib/http/cors';
import { getPublicJwks } from '@/lib/keys';

// Served at /.well-known/jwks.json through a rewrite in next.config.ts. Short cache: a rotated
// key must reach verifiers quickly.
export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    return NextResponse.json({ keys: await getPublicJwks() }, { headers: { 'Cache-Control': 'public, max-age=60', ...PUBLIC_CORS_HEADERS } });
  } catch (error) {
    return oauthErrorResponse(error, PUBLIC_CORS_HEADERS);
  }
}

export const OPTIONS = publicCorsPreflight;
