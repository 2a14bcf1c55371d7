// MFA events in the sign-in log (GET /api/v1/logs/sign-in): one row per factor passed or per wrong
// code, with method otp_mfa / sms_mfa / email_mfa. A log failure never fails the sign-in.
import { db } from '@/lib/db';
import type { MfaType, User } from '@/lib/db/generated/client';
import type { BrowserContext, FlowRow } from '@/lib/identity/flow';
import { FACTOR_STEP } from './steps';

export async function recordMfaEvent(event: {
  row: Pick<FlowRow, 'appId'>;
  user: Pick<User, 'id' | 'email'>;
  context: Pick<BrowserContext, 'ip' | 'userAgent'>;
  factor: MfaType;
  success: boolean;
  reason: '' | 'invalid_code' | 'remembered_device' | 'email_fallback';
}): Promise<void> {
  try {
    await db.signInLog.create({
      data: {
        userId: event.user.id,
        appId: event.row.appId,
        email: event.user.email,
        method: FACTOR_STEP[event.factor],
        success: event.success,
        reason: event.reason,
        ip: event.context.ip.slice(0, 64),
        userAgent: event.context.userAgent.slice(0, 500),
      },
    });
  } catch (error) {
    console.error('[tessera] could not write the sign-in log', error);
  }
}
