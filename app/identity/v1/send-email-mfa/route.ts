import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { sendEmailMfaCode } from '@/lib/mfa/flow-steps';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** The email_mfa step (or the email fallback): "email me a (new) code", `{ requestId }` → 204. */
export function POST(request: NextRequest) {
  return runFlowAction(request, z.object({}), (context) => sendEmailMfaCode(context));
}
