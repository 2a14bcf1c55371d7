import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { resendVerificationCodeInFlow } from '@/lib/identity/verify-email-step';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** The verify_email step's "send (a new) code": `{ requestId }` → 204. */
export function POST(request: NextRequest) {
  return runFlowAction(request, z.object({}), (context) => resendVerificationCodeInFlow(context));
}
