import { NextResponse } from 'next/server';
import { NO_STORE } from '@/lib/http/errors';
import { liveness } from '@/lib/health';

export const dynamic = 'force-dynamic';

/** Liveness: the process answers (no I/O). */
export function GET() {
  return NextResponse.json(liveness(), { headers: NO_STORE });
}
