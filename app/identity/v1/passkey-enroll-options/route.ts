import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { passkeyEnrollOptions } from '@/lib/passkeys/flow';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** WebAuthn creation options for the passkey_enroll step or the manage_passkey page: `{ requestId }` → `{ options }`. */
export function POST(request: NextRequest) {
  return runFlowAction(request, z.object({}), async (context) => ({ options: await passkeyEnrollOptions(context) }));
}
