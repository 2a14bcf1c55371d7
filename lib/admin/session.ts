import { randomToken, sha256 } from '@/lib/crypto/tokens';
import { db, transaction } from '@/lib/db';
import { endSsoSession } from '@/lib/identity/sso-session';
import { rightsOfRoles } from '@/lib/access/rights';

// The admin dashboard's server-side session. The browser holds only a random token (HttpOnly
// cookie, lib/admin/cookies.ts); the row holds its hash. The dashboard's OIDC tokens never leave
// the server: the access token is not kept at all (the API handlers are called with the session
// itself), the refresh token's row is referenced so logout can revoke it.

/** Absolute lifetime of an admin session (and never longer than its refresh token). */
export const ADMIN_SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
/** An admin session ends after this long without a request. */
export const ADMIN_SESSION_IDLE_TIMEOUT_SECONDS = 60 * 60;
/** lastSeenAt is written at most this often per session. */
const TOUCH_INTERVAL_MS = 60_000;

export interface AdminSessionView {
  id: string;
  userId: string;
  csrfToken: string;
  expiresAt: Date;
  user: { id: string; email: string | null; firstName: string | null; lastName: string | null };
  /** Names of the user's roles, read at this request. */
  roles: string[];
  /** API scopes the roles give (lib/access/rights.ts); empty: no admin right. */
  scopes: string[];
}

export async function createAdminSession(input: {
  userId: string;
  refreshToken?: { id: string; expiresAt: Date } | null;
  ssoSessionId?: string | null;
  userAgent: string;
  ip: string;
}): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = randomToken(32);
  const maxEnd = Date.now() + ADMIN_SESSION_MAX_AGE_SECONDS * 1000;
  const expiresAt = new Date(Math.min(maxEnd, input.refreshToken?.expiresAt.getTime() ?? maxEnd));
  const session = await db.adminSession.create({
    data: {
      tokenHash: sha256(token),
      userId: input.userId,
      refreshTokenId: input.refreshToken?.id ?? null,
      ssoSessionId: input.ssoSessionId ?? null,
      csrfToken: randomToken(32),
      userAgent: input.userAgent.slice(0, 500),
      ip: input.ip.slice(0, 64),
      expiresAt,
    },
  });
  return { id: session.id, token, expiresAt };
}

/**
 * The live session behind a cookie token, with the user's roles and rights as they are now, or
 * null. A session is live while it has not ended, expired or idled out, its user is active, its
 * refresh token is not revoked (logout anywhere, "sign out everywhere", token-family revocation)
 * and its SSO session has not ended. `touch` records the request (lastSeenAt, at most once a
 * minute), which keeps the session from idling out.
 */
export async function findAdminSession(token: string | undefined, options: { touch?: boolean } = {}): Promise<AdminSessionView | null> {
  if (!token) return null;
  const session = await db.adminSession.findUnique({
    where: { tokenHash: sha256(token) },
    include: {
      user: {
        select: {
          id: true,
          email: true,
          firstName: true,
          lastName: true,
          isActive: true,
          roles: { select: { role: { select: { name: true, isBuiltIn: true, adminScopes: true } } } },
        },
      },
      refreshToken: { select: { revokedAt: true, expiresAt: true } },
      ssoSession: { select: { endedAt: true } },
    },
  });
  const now = Date.now();
  if (
    !session ||
    session.endedAt ||
    session.expiresAt.getTime() <= now ||
    session.lastSeenAt.getTime() + ADMIN_SESSION_IDLE_TIMEOUT_SECONDS * 1000 <= now ||
    !session.user.isActive ||
    (session.refreshTokenId && (!session.refreshToken || session.refreshToken.revokedAt || session.refreshToken.expiresAt.getTime() <= now)) ||
    (session.ssoSessionId && (!session.ssoSession || session.ssoSession.endedAt))
  ) {
    return null;
  }
  if (options.touch && now - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await db.adminSession.updateMany({ where: { id: session.id, endedAt: null }, data: { lastSeenAt: new Date(now) } });
  }
  const roles = session.user.roles.map((entry) => entry.role);
  return {
    id: session.id,
    userId: session.userId,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
    user: { id: session.user.id, email: session.user.email, firstName: session.user.firstName, lastName: session.user.lastName },
    roles: roles.map((role) => role.name).sort(),
    scopes: rightsOfRoles(roles),
  };
}

/** Records a request of a session found without `touch` (at most once a minute). */
export async function touchAdminSession(sessionId: string): Promise<void> {
  await db.adminSession.updateMany({
    where: { id: sessionId, endedAt: null, lastSeenAt: { lt: new Date(Date.now() - TOUCH_INTERVAL_MS) } },
    data: { lastSeenAt: new Date() },
  });
}

/**
 * Logout: ends the session behind a cookie token (even an expired one), revokes the dashboard's
 * refresh token and ends the SSO session it was signed in with (which also revokes the refresh
 * tokens other apps got under it). The browser is then sent through the RP-initiated logout
 * endpoint, which clears the SSO cookie. `endSsoSession: false` keeps the SSO session (a new
 * admin session replacing an old one in the same browser).
 */
export async function endAdminSession(token: string | undefined, options: { endSsoSession?: boolean } = {}): Promise<void> {
  if (!token) return;
  const ended = await transaction(async (tx) => {
    const session = await tx.adminSession.findUnique({ where: { tokenHash: sha256(token) } });
    if (!session) return null;
    const now = new Date();
    await tx.adminSession.updateMany({ where: { id: session.id, endedAt: null }, data: { endedAt: now } });
    if (session.refreshTokenId) {
      await tx.refreshToken.updateMany({ where: { id: session.refreshTokenId, revokedAt: null }, data: { revokedAt: now, revokedReason: 'logout' } });
    }
    return session;
  });
  if (ended?.ssoSessionId && options.endSsoSession !== false) await endSsoSession({ id: ended.ssoSessionId, userId: ended.userId });
}
