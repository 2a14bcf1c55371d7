import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { runStepSend } from '@/lib/http/step-routes';
import { resendSmsCode } from '@/lib/mfa/flow-steps';

export const dynamic = 'force-dynamic';

/** The sms_mfa step's "text me a (new) code": `{ requestId }` → 204. */
export function POST(request: NextRequest) {
  return runStepSend(request, z.object({}), (context) => resendSmsCode(context));
}
