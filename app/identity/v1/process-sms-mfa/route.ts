import type { NextRequest } from 'next/server';
import { mfaCodeInput, verifySmsStep } from '@/lib/mfa/flow-steps';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** The sms_mfa step: `{ requestId, code, rememberDevice? }`. */
export function POST(request: NextRequest) {
  return runFlowAction(request, mfaCodeInput, verifySmsStep);
}
