import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { passkeySignInOptions } from '@/lib/passkeys/flow';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** WebAuthn request options for the sign-in page (button and autofill): `{ requestId }` → `{ options }`. */
export function POST(request: NextRequest) {
  return runFlowAction(request, z.object({}), async (context) => ({ options: await passkeySignInOptions(context) }));
}
