import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { chooseMfaEnrollment } from '@/lib/mfa/flow-steps';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** The mfa_enroll step: `{ requestId, type }` (otp, email or sms, among the offered ones). */
export function POST(request: NextRequest) {
  return runFlowAction(request, z.object({ type: z.enum(['otp', 'email', 'sms']) }), (context, input) => chooseMfaEnrollment(context, input.type));
}
