import { NextResponse } from 'next/server';
import { config } from '@/lib/config';
import { buildEmbeddedOpenApiDocument } from '@/lib/sign-in/embedded-api';

export const dynamic = 'force-dynamic';

/** The Embedded Auth API's OpenAPI document, built from the zod schemas that validate its routes. */
export function GET() {
  return NextResponse.json(buildEmbeddedOpenApiDocument(config().authServerUrl), { headers: { 'Cache-Control': 'public, max-age=60' } });
}
