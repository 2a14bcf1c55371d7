// A user's passkeys for the S2S API and the admin dashboard (GET /api/v1/users/{authId}/passkeys,
// DELETE …/passkeys/{passkeyId}) and the manage_passkey page.
import { recordAudit } from '@/lib/audit';
import { db, transaction } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { requireUser, type UserAdminCaller } from '@/lib/users/admin';
import { UserErrors } from '@/lib/users/errors';

export interface PasskeySummary {
  id: string;
  credentialId: string;
  counter: number;
  name: string;
  deviceType: string;
  backedUp: boolean;
  transports: string[];
  lastUsedAt: Date | null;
  createdAt: Date;
}

/** The user's passkeys, oldest first (no check that the user exists: see listUserPasskeys). */
export async function passkeysOf(userId: string): Promise<PasskeySummary[]> {
  const passkeys = await db.passkey.findMany({ where: { userId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return passkeys.map((passkey) => ({
    id: passkey.id,
    credentialId: passkey.credentialId,
    counter: Number(passkey.counter),
    name: passkey.name,
    deviceType: passkey.deviceType,
    backedUp: passkey.backedUp,
    transports: passkey.transports,
    lastUsedAt: passkey.lastUsedAt,
    createdAt: passkey.createdAt,
  }));
}

export async function listUserPasskeys(userId: string): Promise<PasskeySummary[]> {
  await requireUser(userId);
  return passkeysOf(userId);
}

export async function deleteUserPasskey(caller: UserAdminCaller, userId: string, passkeyId: string): Promise<void> {
  await requireUser(userId);
  await transaction(async (tx) => {
    const passkey = await tx.passkey.findFirst({ where: { id: passkeyId, userId } });
    if (!passkey) throw new AppError(UserErrors.passkey_not_found);
    await tx.passkey.delete({ where: { id: passkeyId } });
    await recordAudit(tx, caller.actor, {
      action: 'user.passkey_deleted',
      targetType: 'user',
      targetId: userId,
      before: { passkeyId, credentialId: passkey.credentialId, name: passkey.name },
    });
  });
}
