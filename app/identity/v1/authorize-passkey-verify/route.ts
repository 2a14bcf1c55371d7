import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { runFlowAction } from '@/lib/http/flow-action';
import { signInWithPasskey } from '@/lib/passkeys/flow';
import { authenticationResponseSchema } from '@/lib/passkeys/webauthn';

export const dynamic = 'force-dynamic';

/** Passkey sign-in (Melody's POST authorize-passkey-verify): `{ requestId, passkeyInfo }` → `{ redirectTo }`. */
export function POST(request: NextRequest) {
  return runFlowAction(request, z.object({ passkeyInfo: authenticationResponseSchema }), (context, input) => signInWithPasskey(context, input.passkeyInfo));
}
