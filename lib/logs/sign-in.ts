import { config } from '@/lib/config';
import { db } from '@/lib/db';
import type { MfaLogMethod, SignInMethod } from './methods';
import { count } from '@/lib/observability/metrics';

// The sign-in log (ENABLE_SIGN_IN_LOG; read at GET /api/v1/logs/sign-in and charted by lib/stats):
// one row per credential that signed someone in and per refused attempt, whatever the step.
// Every writer goes through recordSignInEvent, so the flag and the row's shape live here alone.

export interface SignInEvent {
  appId: string | null;
  /** The account, when the attempt names one that exists. */
  user: { id: string; email: string | null } | null;
  /** The address typed, for attempts on an unknown account. */
  email?: string | null;
  method: SignInMethod | MfaLogMethod;
  success: boolean;
  /** Why: the refusal's error code, or how a factor passed ('remembered_device', …); '' otherwise. */
  reason: string;
  ip: string;
  userAgent: string;
}

/** Whether rows are written: callers that must look something up for a row ask first. */
export function isSignInLogOn(): boolean {
  return config().enableSignInLog;
}

/** Writes one row when the log is on. A log failure never fails the sign-in it describes. */
export async function recordSignInEvent(event: SignInEvent): Promise<void> {
  count((m) => m.signIns.inc({ method: event.method, result: event.success ? 'success' : 'failure' }));
  if (!isSignInLogOn()) return;
  try {
    await db.signInLog.create({
      data: {
        userId: event.user?.id ?? null,
        appId: event.appId,
        email: (event.user?.email ?? event.email ?? null)?.slice(0, 320) ?? null,
        method: event.method,
        success: event.success,
        reason: event.reason.slice(0, 100),
        ip: event.ip.slice(0, 64),
        userAgent: event.userAgent.slice(0, 500),
      },
    });
  } catch (error) {
    console.error('[tessera] could not write the sign-in log', error);
  }
}
