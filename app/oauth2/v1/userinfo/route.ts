import { NextResponse, type NextRequest } from 'next/server';
import { AppError } from '@/lib/errors';
import { NO_STORE, oauthErrorResponse } from '@/lib/http/errors';
import { OAuthErrors } from '@/lib/oauth/errors';
import { getUserInfo } from '@/lib/oauth/userinfo';

export const dynamic = 'force-dynamic';

async function userinfo(request: NextRequest) {
  try {
    const header = request.headers.get('authorization') ?? '';
    const match = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)$/i.exec(header.trim());
    if (!match) throw new AppError(OAuthErrors.invalid_token, 'A Bearer access token is required.');
    return NextResponse.json(await getUserInfo(match[1]!), { headers: NO_STORE });
  } catch (error) {
    return oauthErrorResponse(error);
  }
}

export const GET = userinfo;
export const POST = userinfo;
