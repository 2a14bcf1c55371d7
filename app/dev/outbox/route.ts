import { NextResponse } from 'next/server';
import { isDevOutboxEnabled, listOutbox } from '@/lib/dev-outbox';
import { OUTBOX_PAGE_CSP, renderOutboxPage } from '@/lib/dev-outbox/page';

// GET /dev/outbox: the captured emails and SMS as a simple HTML page (404 unless DEV_OUTBOX is on).
export const dynamic = 'force-dynamic';

const NOT_FOUND = { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } };

export async function GET() {
  if (!isDevOutboxEnabled()) return new NextResponse('Not found', NOT_FOUND);
  const html = renderOutboxPage(await listOutbox());
  return new NextResponse(html, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': OUTBOX_PAGE_CSP,
      'X-Robots-Tag': 'noindex',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    },
  });
}
