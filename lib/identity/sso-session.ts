import { config } from '@/lib/config';
import { randomToken, sha256 } from '@/lib/crypto/tokens';
import { db, transaction, type Tx } from '@/lib/db';
import type { SignInParticipant } from '@/lib/flow';
import { ssoCookie } from './cookies';
import { emitEvent } from '@/lib/events';

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

// lastSeenAt is written at most once a minute per session: reuse is frequent, the list only
// needs "active a few minutes ago".
const TOUCH_INTERVAL_MS = 60_000;

/** Records that a session was used again (SSO reuse): the sessions page shows it as "last active". */
export async function touchSsoSession(session: { id: string; lastSeenAt: Date }): Promise<void> {
  const now = Date.now();
  if (now - session.lastSeenAt.getTime() < TOUCH_INTERVAL_MS) return;
  await db.ssoSession.updateMany({ where: { id: session.id, endedAt: null }, data: { lastSeenAt: new Date(now) } });
}

/**
 * Logout: ends one SSO session, found by its cookie token or by id (the `sid` of an ID token we
 * signed, bound to its user), and revokes the refresh tokens issued under it in every app.
 */
export async function endSsoSession(selector: { token: string } | { id: string; userId: string }, clientId: string | null = null): Promise<void> {
  const where = 'token' in selector ? { tokenHash: sha256(selector.token) } : { id: selector.id, userId: selector.userId };
  await transaction(async (tx) => {
    const session = await tx.ssoSession.findFirst({ where, select: { id: true, userId: true } });
    if (!session) return;
    const now = new Date();
    const ended = await tx.ssoSession.updateMany({ where: { id: session.id, endedAt: null }, data: { endedAt: now } });
    if (ended.count) await emitEvent(tx, { type: 'user', id: session.userId }, 'identity.auth.logout', { authId: session.userId, clientId });
    await tx.refreshToken.updateMany({
      where: { userId: session.userId, ssoSessionId: session.id, revokedAt: null },
      data: { revokedAt: now, revokedReason: 'logout' },
    });
  });
}

/**
 * Signs a user out everywhere, in the caller's transaction: ends every SSO session but `keep` (the
 * browser making the change) and revokes every refresh token. After a password reset or change,
 * and when the owner of a never verified address proves it (whoever knew the old credentials is
 * out). Returns how many sessions ended and tokens were revoked.
 */
export async function signOutEverywhere(tx: Tx, userId: string, options: { keep?: string | null; reason: string }) {
  const now = new Date();
  const sessions = await tx.ssoSession.updateMany({
    where: { userId, endedAt: null, ...(options.keep ? { NOT: { id: options.keep } } : {}) },
    data: { endedAt: now },
  });
  const tokens = await tx.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now, revokedReason: options.reason } });
  return { ssoSessions: sessions.count, refreshTokens: tokens.count };
}

/**
 * Sign-in participant (lib/sign-in): every sign-in on the hosted pages starts the SSO session
 * that later requests from any app reuse, and sets its cookie. Embedded sessions have no browser
 * of ours to keep such a cookie: they start none.
 */
export const ssoSessionParticipant: SignInParticipant = {
  name: 'sso_session',
  async write(tx, { flow, user, how, authTime }) {
    if (flow.surface !== 'hosted') return;
    const session = await startSsoSession(tx, { userId: user.id, authTime, amr: how.amr, userAgent: flow.context.userAgent, ip: flow.context.ip });
    if (!session) return;
    return { ssoSessionId: session.id, cookies: [ssoCookie(session.token, config().serverSessionExpiresIn)] };
  },
};
