// Issue 12: how many codes a sign-in request may try. Each step that checks a code (TOTP, SMS and
// email MFA, passwordless, email verification, change-email, recovery code) claims an attempt of
// the request's own counter BEFORE the code is judged, with one atomic increment whose returned
// count decides (lib/rate-limit claimRequestCodeAttempt). The request allows CODE_ATTEMPTS_PER_STEP
// attempts per step; the next one ends it: it expires at once, every later call answers 429
// too_many_attempts, and the pages send the browser to auth-code-expired, which says why. The user
// starts again from the application (a new request, after signing in again).
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { claimRequestCodeAttempt } from '@/lib/rate-limit';
import { IdentityErrors } from './errors';
import { FLOW_LIFETIME_SECONDS } from '@/lib/flow';

/** The codes a request checks, each with its own budget (the email fallback counts as email). */
export type CodeStep = 'otp' | 'sms' | 'email' | 'passwordless' | 'verify_email' | 'change_email' | 'recovery_code';

/** Claims one code attempt of `step` on the request; ends the request and throws when none is left. */
export async function claimRequestCode(row: { id: string }, step: CodeStep): Promise<void> {
  // The counter outlives the request (at most FLOW_LIFETIME_SECONDS long), so the ended request
  // keeps its answer.
  if (await claimRequestCodeAttempt(row.id, step, FLOW_LIFETIME_SECONDS)) return;
  const now = new Date();
  await db.authorizationRequest.updateMany({ where: { id: row.id, expiresAt: { gt: now } }, data: { expiresAt: now } });
  throw new AppError(IdentityErrors.too_many_attempts);
}
