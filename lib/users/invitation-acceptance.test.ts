import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { randomToken, sha256 } from '@/lib/crypto/tokens';
import { db } from '@/lib/db';
import { ensureSeeded } from '@/lib/testing/factories';
import { acceptInvitation, findInvitationByToken } from './invitations';
import { authenticateWithPassword } from './service';

const PASSWORD = 'Invited-pass-1';

async function invite(overrides: { expiresAt?: Date; signinUrl?: string | null } = {}) {
  await ensureSeeded();
  const token = randomToken(32);
  const user = await db.user.create({ data: { email: `invited-${randomUUID()}@example.test`, isActive: false, locale: 'zh-CN' } });
  const invitation = await db.invitation.create({
    data: {
      userId: user.id,
      tokenHash: sha256(token),
      signinUrl: overrides.signinUrl === undefined ? 'https://app.example.test/signin' : overrides.signinUrl,
      expiresAt: overrides.expiresAt ?? new Date(Date.now() + 7 * 86_400_000),
    },
  });
  return { token, user, invitation };
}

describe('accepting an invitation', () => {
  it('sets the password, activates the user and verifies the email, once', async () => {
    const { token, user, invitation } = await invite();
    expect((await findInvitationByToken(token)).user.email).toBe(user.email);
    const result = await acceptInvitation({ token, password: PASSWORD }, { ip: '' });
    expect(result).toEqual({ email: user.email, locale: 'zh-CN', signinUrl: 'https://app.example.test/signin' });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored).toMatchObject({ isActive: true, emailVerified: true, passwordAlgorithm: 'argon2id' });
    expect((await authenticateWithPassword(user.email!, PASSWORD)).id).toBe(user.id);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).acceptedAt).toBeInstanceOf(Date);
    expect(await db.auditEvent.count({ where: { action: 'user.invitation_accepted', targetId: user.id } })).toBe(1);

    await expect(findInvitationByToken(token)).rejects.toMatchObject({ code: 'invitation_invalid' });
    await expect(acceptInvitation({ token, password: 'Other-pass-2' }, { ip: '' })).rejects.toMatchObject({ code: 'invitation_invalid' });
  });

  it('only one of two racing acceptances wins', async () => {
    const { token } = await invite();
    const results = await Promise.allSettled([acceptInvitation({ token, password: PASSWORD }, { ip: '' }), acceptInvitation({ token, password: 'Second-pass-2' }, { ip: '' })]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  });

  it('refuses unknown, revoked and expired tokens, and weak passwords (keeping the invitation)', async () => {
    await expect(findInvitationByToken(randomToken(32))).rejects.toMatchObject({ code: 'invitation_invalid', status: 400 });
    await expect(findInvitationByToken('')).rejects.toMatchObject({ code: 'invitation_invalid' });

    const revoked = await invite();
    await db.invitation.update({ where: { id: revoked.invitation.id }, data: { revokedAt: new Date() } });
    await expect(acceptInvitation({ token: revoked.token, password: PASSWORD }, { ip: '' })).rejects.toMatchObject({ code: 'invitation_invalid' });

    const expired = await invite({ expiresAt: new Date(Date.now() - 1000) });
    await expect(acceptInvitation({ token: expired.token, password: PASSWORD }, { ip: '' })).rejects.toMatchObject({ code: 'invitation_expired' });

    const live = await invite({ signinUrl: null });
    await expect(acceptInvitation({ token: live.token, password: 'weakpass' }, { ip: '' })).rejects.toMatchObject({ code: 'weak_password', fields: { password: 'weak_password' } });
    expect((await acceptInvitation({ token: live.token, password: PASSWORD }, { ip: '' })).signinUrl).toBeNull();
  });

  it('a user activated otherwise (admin) cannot be taken over with the old link', async () => {
    const { token, user } = await invite();
    await db.user.update({ where: { id: user.id }, data: { isActive: true } });
    await expect(acceptInvitation({ token, password: PASSWORD }, { ip: '' })).rejects.toMatchObject({ code: 'invitation_invalid' });
  });
});
