import type { NextRequest } from 'next/server';
import { mfaCodeInput, verifyEmailMfaStep } from '@/lib/mfa/flow-steps';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** The email_mfa step, or the email fallback of the TOTP / SMS step: `{ requestId, code, rememberDevice? }`. */
export function POST(request: NextRequest) {
  return runFlowAction(request, mfaCodeInput, verifyEmailMfaStep);
}
