// manage_sessions: the user's live sign-ins, and revoking them.
//
// - Browser sessions are the user's live SSO sessions (lib/identity/sso-session). Ending one also
//   revokes the refresh tokens issued under it, as a logout does. This browser's own session is
//   listed but ends by signing out, not here.
// - App sessions are live refresh-token families (the id is the family id, which stays the same
//   across rotations and names no secret): created = the family's first token, last seen = its
//   newest token (each rotation is a use).
// - "Sign out everywhere else" ends every other browser session and revokes every refresh token
//   not issued under this browser's session, in one transaction.
import { z } from 'zod';
import { recordAudit } from '@/lib/audit';
import { emitEvent } from '@/lib/events';
import { db, transaction } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { FlowOutcome } from '@/lib/flow';
import { definePolicyAction } from './common';
import { PolicyErrors } from './errors';

export interface BrowserSession {
  id: string;
  current: boolean;
  userAgent: string;
  createdAt: Date;
  lastSeenAt: Date;
}

export interface AppSession {
  id: string;
  appName: string;
  /** Issued under this browser's session. */
  current: boolean;
  createdAt: Date;
  lastSeenAt: Date;
}

const liveSso = (userId: string) => ({ userId, endedAt: null, expiresAt: { gt: new Date() } });
const liveTokens = (userId: string) => ({ userId, rotatedAt: null, revokedAt: null, expiresAt: { gt: new Date() } });

export async function listSessions(userId: string, currentSsoSessionId: string | null): Promise<{ browsers: BrowserSession[]; apps: AppSession[] }> {
  const [ssoSessions, tokens] = await Promise.all([
    db.ssoSession.findMany({ where: liveSso(userId), orderBy: [{ lastSeenAt: 'desc' }, { id: 'asc' }] }),
    db.refreshToken.findMany({ where: liveTokens(userId), include: { app: { select: { name: true } } }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] }),
  ]);
  const families = [...new Set(tokens.map((token) => token.familyId))];
  const firsts = families.length
    ? await db.refreshToken.groupBy({ by: ['familyId'], where: { familyId: { in: families }, userId }, _min: { createdAt: true } })
    : [];
  const seen = new Set<string>();
  const apps = tokens
    .filter((token) => !seen.has(token.familyId) && seen.add(token.familyId))
    .map((token) => ({
      id: token.familyId,
      appName: token.app.name,
      current: currentSsoSessionId !== null && token.ssoSessionId === currentSsoSessionId,
      createdAt: firsts.find((entry) => entry.familyId === token.familyId)?._min.createdAt ?? token.createdAt,
      lastSeenAt: token.createdAt,
    }));
  const browsers = ssoSessions.map((session) => ({
    id: session.id,
    current: session.id === currentSsoSessionId,
    userAgent: session.userAgent,
    createdAt: session.createdAt,
    lastSeenAt: session.lastSeenAt > session.createdAt ? session.lastSeenAt : session.authTime,
  }));
  // This browser first.
  browsers.sort((a, b) => Number(b.current) - Number(a.current));
  return { browsers, apps };
}

export const revokeSessionInput = z.object({
  kind: z.enum(['browser', 'app']),
  sessionId: z.string().uuid(),
});

export const revokeSession = definePolicyAction<z.output<typeof revokeSessionInput>, FlowOutcome>('manage_sessions', async ({ flow, row, user, context }, input) => {
  const actor = { type: 'user' as const, id: user.id, ip: context.ip };
  const now = new Date();
  await transaction(async (tx) => {
    if (input.kind === 'browser') {
      if (input.sessionId === row.ssoSessionId) throw new AppError(PolicyErrors.current_session);
      const ended = await tx.ssoSession.updateMany({ where: { ...liveSso(user.id), id: input.sessionId }, data: { endedAt: now } });
      if (ended.count === 0) throw new AppError(PolicyErrors.session_not_found);
      await tx.refreshToken.updateMany({
        where: { userId: user.id, ssoSessionId: input.sessionId, revokedAt: null },
        data: { revokedAt: now, revokedReason: 'user_revoked' },
      });
      await recordAudit(tx, actor, { action: 'user.sso_session_ended', targetType: 'user', targetId: user.id, before: { ssoSessionId: input.sessionId } });
    } else {
      const live = await tx.refreshToken.count({ where: { ...liveTokens(user.id), familyId: input.sessionId } });
      if (live === 0) throw new AppError(PolicyErrors.session_not_found);
      await tx.refreshToken.updateMany({
        where: { userId: user.id, familyId: input.sessionId, revokedAt: null },
        data: { revokedAt: now, revokedReason: 'user_revoked' },
      });
      await recordAudit(tx, actor, { action: 'user.session_revoked', targetType: 'user', targetId: user.id, before: { sessionId: input.sessionId } });
      await emitEvent(tx, actor, 'identity.session.revoked', { authId: user.id, sessionId: input.sessionId });
    }
  });
  return flow.stay();
});

export const revokeOtherSessions = definePolicyAction<void, FlowOutcome>('manage_sessions', async ({ flow, row, user, context }) => {
  const now = new Date();
  const current = row.ssoSessionId;
  await transaction(async (tx) => {
    const ended = await tx.ssoSession.updateMany({
      where: { userId: user.id, endedAt: null, ...(current ? { NOT: { id: current } } : {}) },
      data: { endedAt: now },
    });
    const revoked = await tx.refreshToken.updateMany({
      where: { userId: user.id, revokedAt: null, ...(current ? { OR: [{ ssoSessionId: null }, { NOT: { ssoSessionId: current } }] } : {}) },
      data: { revokedAt: now, revokedReason: 'user_revoked' },
    });
    await recordAudit(tx, { type: 'user', id: user.id, ip: context.ip }, {
      action: 'user.other_sessions_ended',
      targetType: 'user',
      targetId: user.id,
      after: { ssoSessions: ended.count, refreshTokens: revoked.count },
    });
  });
  return flow.stay();
});
