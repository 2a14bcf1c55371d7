import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { runStepSend } from '@/lib/http/step-routes';
import { resendVerificationCodeInFlow } from '@/lib/identity/verify-email-step';

export const dynamic = 'force-dynamic';

/** The verify_email step's "send (a new) code": `{ requestId }` → 204. */
export function POST(request: NextRequest) {
  return runStepSend(request, z.object({}), (context) => resendVerificationCodeInFlow(context));
}
