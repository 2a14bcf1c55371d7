import { NextResponse } from 'next/server';
import { NO_STORE } from '@/lib/http/errors';
import { readiness } from '@/lib/health';

export const dynamic = 'force-dynamic';

/** Readiness: the database (and Redis when configured) answered within 1 s; 503 names what failed. */
export async function GET() {
  const result = await readiness();
  return NextResponse.json(
    { status: result.ready ? 'ready' : 'unavailable', ...(result.ready ? {} : { error: 'service_unavailable' }), checks: result.checks },
    { status: result.ready ? 200 : 503, headers: NO_STORE },
  );
}
