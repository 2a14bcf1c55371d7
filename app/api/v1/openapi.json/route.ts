import { NextResponse } from 'next/server';
import { buildOpenApiDocument } from '@/lib/api/openapi';
import { apiRoutes } from '@/lib/api/registry';
import { config } from '@/lib/config';

export const dynamic = 'force-dynamic';

export function GET() {
  const document = buildOpenApiDocument(apiRoutes, { title: 'Tessera Auth S2S API', version: '1', serverUrl: config().authServerUrl });
  return NextResponse.json(document, { headers: { 'Cache-Control': 'public, max-age=60' } });
}
