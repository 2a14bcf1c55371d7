import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { skipEmailVerification } from '@/lib/identity/verify-email-step';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** The verify_email step's "Later" (lazy mode, grace period only): `{ requestId }`. */
export function POST(request: NextRequest) {
  return runFlowAction(request, z.object({}), (context) => skipEmailVerification(context));
}
