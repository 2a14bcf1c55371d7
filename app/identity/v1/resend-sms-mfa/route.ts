import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { resendSmsCode } from '@/lib/mfa/flow-steps';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** The sms_mfa step's "text me a (new) code": `{ requestId }` → 204. */
export function POST(request: NextRequest) {
  return runFlowAction(request, z.object({}), (context) => resendSmsCode(context));
}
