import { NextResponse, type NextRequest } from 'next/server';
import { NO_STORE, oauthErrorResponse } from '@/lib/http/errors';
import { readForm } from '@/lib/http/request';
import { handleIntrospectionRequest } from '@/lib/oauth/introspection';

export const dynamic = 'force-dynamic';

// Server-to-server only (S2S client authentication): no CORS.
export async function POST(request: NextRequest) {
  try {
    const result = await handleIntrospectionRequest(await readForm(request), request.headers.get('authorization'));
    return NextResponse.json(result, { headers: NO_STORE });
  } catch (error) {
    return oauthErrorResponse(error);
  }
}
