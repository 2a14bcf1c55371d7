import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { declinePasskeyEnrollment } from '@/lib/passkeys/flow';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** "Not now" on the passkey_enroll step; `remember: true` is "don't ask again": `{ requestId, remember }`. */
export function POST(request: NextRequest) {
  return runFlowAction(request, z.object({ remember: z.boolean().default(false) }), (context, input) => declinePasskeyEnrollment(context, input.remember));
}
