import type { NextRequest } from 'next/server';
import { enrollPasskey, enrollPasskeyInput } from '@/lib/passkeys/flow';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** The passkey_enroll step's new passkey: `{ requestId, credential, name }` → `{ redirectTo }`. */
export function POST(request: NextRequest) {
  return runFlowAction(request, enrollPasskeyInput, enrollPasskey);
}
