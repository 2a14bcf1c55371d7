// Account lockout for password sign-in (Melody's FLA counters): ACCOUNT_LOCKOUT_THRESHOLD failed
// attempts per email + IP lock that pair for ACCOUNT_LOCKOUT_EXPIRES_IN seconds (0 = until
// unlocked by a password reset or an admin).
import { normalizeEmail } from '@/lib/email/address';
import { checkAndCount, clear, clearAccount, listByAccount, thresholdOf } from './service';

/**
 * Counts a password attempt on an EXISTING account before the password is checked, and throws
 * account_locked (423) when earlier failures reached the threshold: so a locked account is refused
 * even with the right password, and concurrent guesses cannot exceed the threshold. A successful
 * sign-in must call clearSignInFailures(); unknown emails must not be counted.
 */
export function countSignInAttempt(email: string, ip: string): Promise<void> {
  return checkAndCount('sign_in', { id: normalizeEmail(email), ip });
}

export function clearSignInFailures(email: string, ip: string): Promise<void> {
  return clear('sign_in', { id: normalizeEmail(email), ip });
}

/**
 * Lifts the sign-in lockout of an account: for one IP (the password reset flow, Melody's
 * UNLOCK_ACCOUNT_VIA_PASSWORD_RESET, passes the client IP: '' without a trusted proxy header), or
 * for every IP when `ip` is omitted (admin: DELETE /users/:authId/locked-ips).
 */
export async function unlockAccount(email: string, options: { ip?: string } = {}): Promise<void> {
  if (options.ip !== undefined) await clearSignInFailures(email, options.ip);
  else await clearAccount('sign_in', normalizeEmail(email));
}

/**
 * The IPs from which the account is locked (Melody GET /users/:authId/locked-ips → lockedIPs).
 * '' stands for "any IP" when no trusted proxy header is configured.
 */
export async function listLockedIps(email: string): Promise<string[]> {
  if (thresholdOf('sign_in') <= 0) return [];
  const entries = await listByAccount('sign_in', normalizeEmail(email));
  return entries.filter((entry) => entry.blocked).map((entry) => entry.ip);
}
