import type { NextRequest } from 'next/server';
import { passwordlessEmailInput, startPasswordless } from '@/lib/identity/passwordless';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** Passwordless sign-in (Melody's POST /identity/v1/authorize-passwordless): `{ requestId, email }` → the code page. */
export function POST(request: NextRequest) {
  return runFlowAction(request, passwordlessEmailInput, startPasswordless);
}
