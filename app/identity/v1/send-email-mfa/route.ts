import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { runStepSend } from '@/lib/http/step-routes';
import { sendEmailMfaCode } from '@/lib/mfa/flow-steps';

export const dynamic = 'force-dynamic';

/** The email_mfa step (or the email fallback): "email me a (new) code", `{ requestId }` → 204. */
export function POST(request: NextRequest) {
  return runStepSend(request, z.object({}), (context) => sendEmailMfaCode(context));
}
