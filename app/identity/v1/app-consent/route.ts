import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { decideConsent } from '@/lib/identity/consent';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** The consent step: `{ requestId, decision }`, allow or deny. */
export function POST(request: NextRequest) {
  return runFlowAction(request, z.object({ decision: z.enum(['allow', 'deny']) }), (context, input) => decideConsent(context, input.decision));
}
