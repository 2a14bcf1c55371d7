import type { NextRequest } from 'next/server';
import { runStepAction } from '@/lib/http/step-routes';
import { signUp, signUpInput } from '@/lib/identity/sign-up';

export const dynamic = 'force-dynamic';

/** Sign-up (Melody's POST /identity/v1/authorize-account): `{ requestId, email, password, firstName?, lastName?, attributes? }`. */
export function POST(request: NextRequest) {
  return runStepAction(request, signUpInput, signUp);
}
