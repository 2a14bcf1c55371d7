import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { apiErrorResponse, NO_STORE } from '@/lib/http/errors';
import { clientIp, readSameOriginJson } from '@/lib/http/request';
import { acceptInvitation } from '@/lib/users/invitations';
import { PASSWORD_POLICY_MAX_LENGTH } from '@/lib/users/password-policy';

export const dynamic = 'force-dynamic';

const body = z.object({ token: z.string().max(200), password: z.string().max(PASSWORD_POLICY_MAX_LENGTH) });

/**
 * Accepting an invitation (Melody's POST /identity/v1/accept-invitation, moved because the page
 * has that path): `{ token, password }` → `{ success, signinUrl }`.
 */
export async function POST(request: NextRequest) {
  try {
    const input = await readSameOriginJson(request, body);
    const result = await acceptInvitation(input, { ip: clientIp(request) });
    return NextResponse.json({ success: true, signinUrl: result.signinUrl }, { headers: NO_STORE });
  } catch (error) {
    return apiErrorResponse(error);
  }
}
