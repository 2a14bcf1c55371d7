import { config } from '@/lib/config';
import { randomToken, sha256 } from '@/lib/crypto/tokens';
import { db, type Tx } from '@/lib/db';

/** Starts a cross-app SSO session; returns the cookie token, or null when sessions are off. */
export async function startSsoSession(
  tx: Tx,
  input: { userId: string; authTime: Date; amr: string[]; userAgent: string; ip: string },
): Promise<{ id: string; token: string } | null> {
  const lifetime = config().serverSessionExpiresIn;
  if (lifetime === 0) return null;
  const token = randomToken(32);
  const session = await tx.ssoSession.create({
    data: {
      tokenHash: sha256(token),
      userId: input.userId,
      authTime: input.authTime,
      amr: input.amr,
      userAgent: input.userAgent.slice(0, 500),
      ip: input.ip.slice(0, 64),
      expiresAt: new Date(Date.now() + lifetime * 1000),
    },
  });
  return { id: session.id, token };
}

/** The live session behind a cookie token, with an active user, or null. */
export async function findSsoSession(token: string | undefined) {
  if (!token || config().serverSessionExpiresIn === 0) return null;
  const session = await db.ssoSession.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
  if (!session || session.endedAt || session.expiresAt.getTime() <= Date.now() || !session.user.isActive) return null;
  return session;
}

export async function endSsoSession(token: string | undefined): Promise<void> {
  if (!token) return;
  await db.ssoSession.updateMany({ where: { tokenHash: sha256(token), endedAt: null }, data: { endedAt: new Date() } });
}
