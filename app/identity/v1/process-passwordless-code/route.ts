import type { NextRequest } from 'next/server';
import { runFlowAction } from '@/lib/http/flow-action';
import { passwordlessCodeInput, verifyPasswordlessCode } from '@/lib/identity/passwordless';

export const dynamic = 'force-dynamic';

/** The emailed code (Melody's POST /identity/v1/process-passwordless-code): `{ requestId, code }`. */
export function POST(request: NextRequest) {
  return runFlowAction(request, passwordlessCodeInput, verifyPasswordlessCode);
}
