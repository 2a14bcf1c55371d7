import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { confirmRecoveryCodeEnrollment } from '@/lib/recovery-codes/flow';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** The recovery_code_enroll step's "I have saved it": `{ requestId }` → `{ redirectTo }`. */
export function POST(request: NextRequest) {
  return runFlowAction(request, z.object({}), (context) => confirmRecoveryCodeEnrollment(context));
}
