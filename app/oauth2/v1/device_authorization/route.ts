import { NextResponse, type NextRequest } from 'next/server';
import { appCorsPreflight, withAppCors } from '@/lib/http/cors';
import { NO_STORE, oauthErrorResponse } from '@/lib/http/errors';
import { readForm } from '@/lib/http/request';
import { requestDeviceAuthorization } from '@/lib/oauth/device-authorization';

export const dynamic = 'force-dynamic';

/** RFC 8628 §3.1–3.2: a device asks for a device code and the user code to show. */
export const POST = withAppCors(async (request: NextRequest) => {
  try {
    const form = await readForm(request);
    return NextResponse.json(await requestDeviceAuthorization(form, request.headers.get('authorization')), { headers: NO_STORE });
  } catch (error) {
    return oauthErrorResponse(error);
  }
});

export const OPTIONS = appCorsPreflight(['POST']);
