// Whether a request waits for its passwordless code (the passwordless_verify step): the email the
// user gave is kept on the code row (target), not on the request, and no account is created or
// attached until the code is right. Separate from passwordless.ts so flow.ts can ask without an
// import cycle.
import { config } from '@/lib/config';
import { db } from '@/lib/db';

export async function awaitsPasswordlessCode(row: { id: string; userId: string | null }): Promise<boolean> {
  if (row.userId || !config().enablePasswordlessSignIn) return false;
  return (await db.oneTimeCode.count({ where: { authorizationRequestId: row.id, purpose: 'passwordless', consumedAt: null } })) > 0;
}
