import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { boundRequestsOf } from '@/lib/flow';
import { verifyEmailWithLink } from '@/lib/identity/email-verification';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

const body = z.object({ id: z.string().uuid(), code: z.string().trim().max(16) });

/**
 * The emailed link's page (/identity/v1/verify-email?id=…; Melody's POST /identity/v1/verify-email,
 * moved because the page has that path): `{ id, code }` → `{ success, alreadyVerified }`.
 */
export function POST(request: NextRequest) {
  return runFlowAction(
    request,
    body,
    async (context, input) => ({
      success: true,
      ...(await verifyEmailWithLink({ userId: input.id, code: input.code, ip: context.ip, bound: boundRequestsOf(request.cookies.getAll()) })),
    }),
    { request: 'none' },
  );
}
