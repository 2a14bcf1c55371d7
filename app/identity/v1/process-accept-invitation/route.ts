import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { runFlowAction } from '@/lib/sign-in/hosted';
import { acceptInvitation } from '@/lib/users/invitations';
import { PASSWORD_POLICY_MAX_LENGTH } from '@/lib/users/password-policy';

export const dynamic = 'force-dynamic';

const body = z.object({ token: z.string().max(200), password: z.string().max(PASSWORD_POLICY_MAX_LENGTH) });

/**
 * Accepting an invitation (Melody's POST /identity/v1/accept-invitation, moved because the page
 * has that path): `{ token, password }` → `{ success, signinUrl }`.
 */
export function POST(request: NextRequest) {
  return runFlowAction(
    request,
    body,
    async (context, input) => ({ success: true, signinUrl: (await acceptInvitation(input, { ip: context.ip })).signinUrl }),
    { request: 'none' },
  );
}
