import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { regenerateRecoveryCode } from '@/lib/recovery-codes/flow';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** manage_recovery_code (Melody's POST manage-recovery-code): `{ requestId }` → `{ recoveryCode }`, the old code stops working. */
export function POST(request: NextRequest) {
  return runFlowAction(request, z.object({}), (context) => regenerateRecoveryCode(context));
}
