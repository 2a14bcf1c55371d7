import type { NextRequest } from 'next/server';
import { runFlowAction } from '@/lib/http/flow-action';
import { mfaCodeInput, verifySmsStep } from '@/lib/mfa/flow-steps';

export const dynamic = 'force-dynamic';

/** The sms_mfa step: `{ requestId, code, rememberDevice? }`. */
export function POST(request: NextRequest) {
  return runFlowAction(request, mfaCodeInput, verifySmsStep);
}
