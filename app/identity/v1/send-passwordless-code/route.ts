import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { runStepSend } from '@/lib/http/step-routes';
import { resendPasswordless } from '@/lib/identity/passwordless';

export const dynamic = 'force-dynamic';

/** "Send a new code / link" (Melody's POST /identity/v1/send-passwordless-code): `{ requestId }` → 204. */
export function POST(request: NextRequest) {
  return runStepSend(request, z.object({}), (context) => resendPasswordless(context));
}
