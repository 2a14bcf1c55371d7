import type { NextRequest } from 'next/server';
import { runStepAction } from '@/lib/http/step-routes';
import { passwordlessCodeInput, verifyPasswordlessCode } from '@/lib/identity/passwordless';

export const dynamic = 'force-dynamic';

/** The emailed code (Melody's POST /identity/v1/process-passwordless-code): `{ requestId, code }`. */
export function POST(request: NextRequest) {
  return runStepAction(request, passwordlessCodeInput, verifyPasswordlessCode);
}
