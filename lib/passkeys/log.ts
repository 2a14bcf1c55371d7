// Passkey and recovery-code sign-ins in the sign-in log (GET /api/v1/logs/sign-in): method passkey
// or recovery_code, a row per sign-in and per wrong recovery code of a known account. A log failure
// never fails the sign-in.
import { db } from '@/lib/db';
import type { User } from '@/lib/db/generated/client';
import type { BrowserContext, FlowRow } from '@/lib/identity/flow';

export async function recordCredentialEvent(event: {
  row: Pick<FlowRow, 'appId'>;
  user: Pick<User, 'id' | 'email'>;
  context: Pick<BrowserContext, 'ip' | 'userAgent'>;
  method: 'passkey' | 'recovery_code';
  success: boolean;
  reason: '' | 'invalid_code';
}): Promise<void> {
  try {
    await db.signInLog.create({
      data: {
        userId: event.user.id,
        appId: event.row.appId,
        email: event.user.email,
        method: event.method,
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
