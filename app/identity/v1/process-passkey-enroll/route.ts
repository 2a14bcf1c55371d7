import type { NextRequest } from 'next/server';
import { runFlowAction } from '@/lib/http/flow-action';
import { enrollPasskey, enrollPasskeyInput } from '@/lib/passkeys/flow';

export const dynamic = 'force-dynamic';

/** The passkey_enroll step's new passkey: `{ requestId, credential, name }` → `{ redirectTo }`. */
export function POST(request: NextRequest) {
  return runFlowAction(request, enrollPasskeyInput, (context, input) => enrollPasskey(context, input.credential, input.name));
}
