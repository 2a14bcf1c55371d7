import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { signInWithPasskey } from '@/lib/passkeys/flow';
import { authenticationResponseSchema } from '@/lib/passkeys/webauthn';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** Passkey sign-in (Melody's POST authorize-passkey-verify): `{ requestId, passkeyInfo }` → `{ redirectTo }`. */
export function POST(request: NextRequest) {
  return runFlowAction(request, z.object({ passkeyInfo: authenticationResponseSchema }), (context, input) => signInWithPasskey(context, input.passkeyInfo));
}
