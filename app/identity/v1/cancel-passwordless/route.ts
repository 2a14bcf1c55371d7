import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { runFlowAction } from '@/lib/http/flow-action';
import { cancelPasswordless } from '@/lib/identity/passwordless';

export const dynamic = 'force-dynamic';

/** "Use another email address": `{ requestId }` → back to the sign-in page. */
export function POST(request: NextRequest) {
  return runFlowAction(request, z.object({}), (context) => cancelPasswordless(context));
}
