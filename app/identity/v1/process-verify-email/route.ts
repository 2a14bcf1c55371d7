import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { confirmEmailInFlow } from '@/lib/identity/verify-email-step';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** The verify_email step: `{ requestId, code? }` (no code: "continue" once verified from the emailed link). */
export function POST(request: NextRequest) {
  return runFlowAction(request, z.object({ code: z.string().trim().max(16).optional() }), (context, input) => confirmEmailInFlow(context, input.code));
}
