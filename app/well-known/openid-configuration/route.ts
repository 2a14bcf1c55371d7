import { NextResponse } from 'next/server';
import { PUBLIC_CORS_HEADERS, publicCorsPreflight } from '@/lib/http/cors';
import { discoveryDocument } from '@/lib/oauth/discovery';

// Served at /.well-known/openid-configuration through a rewrite in next.config.ts
// (the App Router does not route dot-folders).
export const dynamic = 'force-dynamic';

export function GET() {
  return NextResponse.json(discoveryDocument(), { headers: { 'Cache-Control': 'public, max-age=300', ...PUBLIC_CORS_HEADERS } });
}

export const OPTIONS = publicCorsPreflight;
