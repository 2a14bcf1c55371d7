import { NextResponse, type NextRequest } from 'next/server';
import { bannersForClientId } from '@/lib/banners/public';
import { appCorsPreflight, withAppCors } from '@/lib/http/cors';
import { apiErrorResponse, NO_STORE } from '@/lib/http/errors';

export const dynamic = 'force-dynamic';

/**
 * Melody's GET /identity/v1/app-banners?client_id=: `{ banners }` of an active SPA app
 * (ENABLE_APP_BANNER), readable by the pages of registered apps (CORS like userinfo).
 */
async function appBanners(request: NextRequest) {
  try {
    const clientId = request.nextUrl.searchParams.get('client_id') ?? '';
    return NextResponse.json(await bannersForClientId(clientId.slice(0, 64)), { headers: NO_STORE });
  } catch (error) {
    return apiErrorResponse(error);
  }
}

export const GET = withAppCors(appBanners);
export const OPTIONS = appCorsPreflight(['GET']);
