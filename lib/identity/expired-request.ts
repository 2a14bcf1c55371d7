// The auth-code-expired page (Melody's view): which app to go back to when a sign-in request ran
// out of time, or ended after too many wrong codes (code-attempts.ts). Read without the binding
// cookie, which expires with the request; it only names the app, its registered redirect URI and
// why the request ended.
import { db } from '@/lib/db';
import { requestCodeAttemptsExhausted } from '@/lib/rate-limit';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ExpiredRequestView {
  appName: string;
  backUrl: string | null;
  reason: 'expired' | 'too_many_attempts';
}

export async function getExpiredRequestView(requestId: string | undefined): Promise<ExpiredRequestView | null> {
  if (!requestId || !UUID_PATTERN.test(requestId)) return null;
  const row = await db.authorizationRequest.findUnique({ where: { id: requestId }, include: { app: { select: { name: true, isActive: true } } } });
  if (!row || !row.app.isActive) return null;
  // Device requests have no redirect URI: the user goes back to the device.
  const backUrl = /^https?:\/\//i.test(row.redirectUri) ? row.redirectUri : null;
  return { appName: row.app.name, backUrl, reason: (await requestCodeAttemptsExhausted(row.id)) ? 'too_many_attempts' : 'expired' };
}
