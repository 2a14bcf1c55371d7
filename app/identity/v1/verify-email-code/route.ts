import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { apiErrorResponse, NO_STORE } from '@/lib/http/errors';
import { clientIp, readSameOriginJson } from '@/lib/http/request';
import { verifyEmailWithLink } from '@/lib/identity/email-verification';

export const dynamic = 'force-dynamic';

const body = z.object({ id: z.string().uuid(), code: z.string().trim().max(16) });

/**
 * The emailed link's page (/identity/v1/verify-email?id=…; Melody's POST /identity/v1/verify-email,
 * moved because the page has that path): `{ id, code }` → `{ success, alreadyVerified }`.
 */
export async function POST(request: NextRequest) {
  try {
    const input = await readSameOriginJson(request, body);
    const result = await verifyEmailWithLink({ userId: input.id, code: input.code, ip: clientIp(request) });
    return NextResponse.json({ success: true, ...result }, { headers: NO_STORE });
  } catch (error) {
    return apiErrorResponse(error);
  }
}
