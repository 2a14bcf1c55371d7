import type { NextRequest } from 'next/server';
import { signUp, signUpInput } from '@/lib/identity/sign-up';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** Sign-up (Melody's POST /identity/v1/authorize-account): `{ requestId, email, password, firstName?, lastName?, attributes? }`. */
export function POST(request: NextRequest) {
  return runFlowAction(request, signUpInput, signUp);
}
