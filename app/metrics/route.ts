import { NextResponse, type NextRequest } from 'next/server';
import { apiErrorResponse, NO_STORE } from '@/lib/http/errors';
import { scrapeMetrics } from '@/lib/observability/scrape';

export const dynamic = 'force-dynamic';

/** Prometheus scrape: `Authorization: Bearer $METRICS_TOKEN` (404 while METRICS_TOKEN is unset). */
export async function GET(request: NextRequest) {
  try {
    const { body, contentType } = await scrapeMetrics(request.headers.get('authorization'));
    return new NextResponse(body, { headers: { ...NO_STORE, 'Content-Type': contentType } });
  } catch (error) {
    return apiErrorResponse(error);
  }
}
