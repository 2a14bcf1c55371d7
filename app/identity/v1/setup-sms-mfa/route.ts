import type { NextRequest } from 'next/server';
import { runStepSend } from '@/lib/http/step-routes';
import { phoneNumberInput, setupSmsPhone } from '@/lib/mfa/flow-steps';

export const dynamic = 'force-dynamic';

/** The sms_mfa step without a verified number: `{ requestId, phoneNumber }` (E.164) → 204, a code is texted to it. */
export function POST(request: NextRequest) {
  return runStepSend(request, phoneNumberInput, (context, input) => setupSmsPhone(context, input.phoneNumber));
}
