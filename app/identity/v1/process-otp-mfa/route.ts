import type { NextRequest } from 'next/server';
import { runFlowAction } from '@/lib/http/flow-action';
import { mfaCodeInput, verifyOtpStep } from '@/lib/mfa/flow-steps';

export const dynamic = 'force-dynamic';

/** The otp_setup and otp_mfa steps: `{ requestId, code, rememberDevice? }`. */
export function POST(request: NextRequest) {
  return runFlowAction(request, mfaCodeInput, verifyOtpStep);
}
