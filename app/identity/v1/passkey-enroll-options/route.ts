import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { runStepData } from '@/lib/http/step-routes';
import { passkeyEnrollOptions } from '@/lib/passkeys/flow';

export const dynamic = 'force-dynamic';

/** WebAuthn creation options for the passkey_enroll step or the manage_passkey page: `{ requestId }` → `{ options }`. */
export function POST(request: NextRequest) {
  return runStepData(request, z.object({}), async (context) => ({ options: await passkeyEnrollOptions(context) }));
}
