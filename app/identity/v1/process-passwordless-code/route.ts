import type { NextRequest } from 'next/server';
import { passwordlessCodeInput, verifyPasswordlessCode } from '@/lib/identity/passwordless';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** The emailed code (Melody's POST /identity/v1/process-passwordless-code): `{ requestId, code }`. */
export function POST(request: NextRequest) {
  return runFlowAction(request, passwordlessCodeInput, verifyPasswordlessCode);
}
