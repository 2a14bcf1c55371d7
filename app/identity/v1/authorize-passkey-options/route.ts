import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { runStepData } from '@/lib/http/step-routes';
import { passkeySignInOptions } from '@/lib/passkeys/flow';

export const dynamic = 'force-dynamic';

/** WebAuthn request options for the sign-in page (button and autofill): `{ requestId }` → `{ options }`. */
export function POST(request: NextRequest) {
  return runStepData(request, z.object({}), async (context) => ({ options: await passkeySignInOptions(context) }));
}
