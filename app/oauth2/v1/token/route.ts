import { NextResponse, type NextRequest } from 'next/server';
import { appCorsPreflight, withAppCors } from '@/lib/http/cors';
import { NO_STORE, oauthErrorResponse } from '@/lib/http/errors';
import { readForm } from '@/lib/http/request';
import { handleTokenRequest } from '@/lib/oauth/token-endpoint';
import { count } from '@/lib/observability/metrics';

export const dynamic = 'force-dynamic';

export const POST = withAppCors(async (request: NextRequest) => {
  try {
    const form = await readForm(request);
    const tokens = await handleTokenRequest(form, request.headers.get('authorization'));
    count((m) => m.tokensIssued.inc({ grant_type: form.get('grant_type')! }));
    return NextResponse.json(tokens, { headers: NO_STORE });
  } catch (error) {
    return oauthErrorResponse(error);
  }
});

export const OPTIONS = appCorsPreflight(['POST']);
