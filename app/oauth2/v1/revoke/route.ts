import { NextResponse, type NextRequest } from 'next/server';
import { appCorsPreflight, withAppCors } from '@/lib/http/cors';
import { NO_STORE, oauthErrorResponse } from '@/lib/http/errors';
import { readForm } from '@/lib/http/request';
import { handleRevocationRequest } from '@/lib/oauth/revocation';

export const dynamic = 'force-dynamic';

// RFC 7009 §2.2: success is an empty 200, for revoked and for invalid tokens alike.
export const POST = withAppCors(async (request: NextRequest) => {
  try {
    await handleRevocationRequest(await readForm(request), request.headers.get('authorization'));
    return new NextResponse(null, { status: 200, headers: NO_STORE });
  } catch (error) {
    return oauthErrorResponse(error);
  }
});

export const OPTIONS = appCorsPreflight(['POST']);
