import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { signInWithPassword } from '@/lib/identity/sign-in';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

const body = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(256),
});

/** Email + password (Melody's POST /identity/v1/authorize-password): `{ requestId, email, password }` → `{ redirectTo }`. */
export function POST(request: NextRequest) {
  return runFlowAction(request, body, signInWithPassword);
}
