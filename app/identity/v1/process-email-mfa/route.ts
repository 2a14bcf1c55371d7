import type { NextRequest } from 'next/server';
import { runFlowAction } from '@/lib/http/flow-action';
import { mfaCodeInput, verifyEmailMfaStep } from '@/lib/mfa/flow-steps';

export const dynamic = 'force-dynamic';

/** The email_mfa step, or the email fallback of the TOTP / SMS step: `{ requestId, code, rememberDevice? }`. */
export function POST(request: NextRequest) {
  return runFlowAction(request, mfaCodeInput, verifyEmailMfaStep);
}
