import type { NextRequest } from 'next/server';
import { phoneNumberInput, setupSmsPhone } from '@/lib/mfa/flow-steps';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** The sms_mfa step without a verified number: `{ requestId, phoneNumber }` (E.164) → 204, a code is texted to it. */
export function POST(request: NextRequest) {
  return runFlowAction(request, phoneNumberInput, (context, input) => setupSmsPhone(context, input.phoneNumber));
}
