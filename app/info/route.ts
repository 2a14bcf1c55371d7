import { NextResponse, type NextRequest } from 'next/server';
import { publicConfiguration } from '@/lib/config/public';
import { apiErrorResponse, NO_STORE } from '@/lib/http/errors';
import { readBearerToken } from '@/lib/http/request';
import { authenticateS2sToken } from '@/lib/s2s/guard';

export const dynamic = 'force-dynamic';

/** Melody's GET /info: the effective configuration, for S2S apps (any scope) such as an admin panel. */
export async function GET(request: NextRequest) {
  try {
    await authenticateS2sToken(readBearerToken(request));
    return NextResponse.json({ configs: publicConfiguration() }, { headers: NO_STORE });
  } catch (error) {
    return apiErrorResponse(error);
  }
}
