import type { NextRequest } from 'next/server';
import { handleEmbeddedRequest } from '@/lib/sign-in/embedded-api';

export const dynamic = 'force-dynamic';

// Melody's Embedded Auth API: every route of lib/sign-in/embedded-api.ts (one table, one
// dispatcher, so the origin check, CORS and error answers are the same for all of them).
type Context = { params: Promise<{ path: string[] }> };

async function handle(request: NextRequest, context: Context) {
  return handleEmbeddedRequest(request, (await context.params).path);
}

export const GET = handle;
export const POST = handle;
export const OPTIONS = handle;
