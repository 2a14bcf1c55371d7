import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { cancelPasswordless } from '@/lib/identity/passwordless';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** "Use another email address": `{ requestId }` → back to the sign-in page. */
export function POST(request: NextRequest) {
  return runFlowAction(request, z.object({}), (context) => cancelPasswordless(context));
}
