import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { signInWithRecoveryCode } from '@/lib/recovery-codes/flow';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

const body = z.object({
  email: z.string().trim().min(1).max(320),
  recoveryCode: z.string().trim().min(1).max(64),
});

/**
 * Recovery-code sign-in (Melody's POST authorize-recovery-code): `{ requestId, email, recoveryCode }`
 * → `{ redirectTo, recoveryCode }`, the account's next code, which the page shows once before
 * following redirectTo.
 */
export function POST(request: NextRequest) {
  return runFlowAction(request, body, signInWithRecoveryCode);
}
