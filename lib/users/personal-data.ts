// What happens to the rows that outlive a deleted account.
//
// Rules:
// - Sign-in logs keep their rows for statistics (counts per app, method, result, day) but lose
//   everything that identifies the person: the link to the user, the address typed, the IP
//   address, the user agent and the free-form detail. Rows of failed attempts with the account's
//   address but no user (a wrong password is logged before the user is known) go the same way.
// - Email and SMS logs (ENABLE_EMAIL_LOG / ENABLE_SMS_LOG) are kept, as in Melody: they are the
//   deployer's delivery record, hold no link to the user and no codes (redacted when written), and
//   the deployer clears them with the logs API (DELETE /api/v1/logs/email?before=…, /sms).
// - The audit log keeps history by design (lib/audit).
import type { Tx } from '@/lib/db';

/** Scrubs the personal data of a user about to be deleted from the sign-in logs (same transaction). */
export async function forgetSignInLogs(tx: Tx, user: { id: string; email: string | null }): Promise<number> {
  const { count } = await tx.signInLog.updateMany({
    where: { OR: [{ userId: user.id }, ...(user.email ? [{ email: { equals: user.email, mode: 'insensitive' as const } }] : [])] },
    data: { userId: null, email: null, ip: '', userAgent: '', detail: {} },
  });
  return count;
}
