import type { NextRequest } from 'next/server';
import { mfaCodeInput, verifyOtpStep } from '@/lib/mfa/flow-steps';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** The otp_setup and otp_mfa steps: `{ requestId, code, rememberDevice? }`. */
export function POST(request: NextRequest) {
  return runFlowAction(request, mfaCodeInput, verifyOtpStep);
}
