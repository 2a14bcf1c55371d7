import { NextResponse, type NextRequest } from 'next/server';
import { appCorsPreflight, withAppCors } from '@/lib/http/cors';
import { NO_STORE, oauthErrorResponse } from '@/lib/http/errors';
import { readBearerToken } from '@/lib/http/request';
import { getUserInfo } from '@/lib/oauth/userinfo';

export const dynamic = 'force-dynamic';

async function userinfo(request: NextRequest) {
  try {
    return NextResponse.json(await getUserInfo(readBearerToken(request)), { headers: NO_STORE });
  } catch (error) {
    return oauthErrorResponse(error);
  }
}

export const GET = withAppCors(userinfo);
export const POST = withAppCors(userinfo);
export const OPTIONS = appCorsPreflight(['GET', 'POST']);
