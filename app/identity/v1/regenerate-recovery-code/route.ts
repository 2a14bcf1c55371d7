import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { runStepData } from '@/lib/http/step-routes';
import { regenerateRecoveryCode } from '@/lib/recovery-codes/flow';

export const dynamic = 'force-dynamic';

/** manage_recovery_code (Melody's POST manage-recovery-code): `{ requestId }` → `{ recoveryCode }`, the old code stops working. */
export function POST(request: NextRequest) {
  return runStepData(request, z.object({}), (context) => regenerateRecoveryCode(context));
}
