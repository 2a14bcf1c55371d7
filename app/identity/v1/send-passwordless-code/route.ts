import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { resendPasswordless } from '@/lib/identity/passwordless';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** "Send a new code / link" (Melody's POST /identity/v1/send-passwordless-code): `{ requestId }` → 204. */
export function POST(request: NextRequest) {
  return runFlowAction(request, z.object({}), (context) => resendPasswordless(context));
}
