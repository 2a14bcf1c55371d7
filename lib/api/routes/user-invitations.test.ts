import { describe, expect, it } from 'vitest';
import { sha256 } from '@/lib/crypto/tokens';
import { db } from '@/lib/db';
import { listOutbox } from '@/lib/dev-outbox';
import { ensureSeeded, makeUser } from '@/lib/testing/factories';
import { callApi, s2sToken } from '../testing';
import { inviteUserRoute, resendInvitationRoute, revokeInvitationRoute } from './user-invitations';
import { getUserRoute, updateUserRoute } from './users';

const linkToken = (text: string) => new URL(/(http\S+accept-invitation\S+)/.exec(text)![1]!).searchParams.get('token')!;

describe('S2S API: invitations', () => {
  it('invites (inactive user, hashed token, emailed link), resends with a new token, revokes', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_user', 'write_user']);
    const email = `invitee-${Date.now()}@example.test`;
    const invited = await callApi(inviteUserRoute, { token, body: { email, firstName: 'Ivy', signinUrl: 'https://app.example.test/sign-in' } });
    expect(invited.status).toBe(201);
    expect(invited.body.user).toMatchObject({ email, firstName: 'Ivy', isActive: false, isInviting: true });
    const id = invited.body.user.authId as string;
    const [mail] = await listOutbox({ to: email });
    const sent = linkToken(mail!.text);
    expect(mail!.text).toContain('http://localhost:3999/identity/v1/accept-invitation?token=');
    expect(mail!.text).toContain('signinUrl=https%3A%2F%2Fapp.example.test%2Fsign-in');
    const invitation = await db.invitation.findFirstOrThrow({ where: { userId: id } });
    expect(invitation.tokenHash).toBe(sha256(sent));
    expect(JSON.stringify(await db.auditEvent.findMany({ where: { targetId: id } }))).not.toContain(sent);

    const activate = await callApi(updateUserRoute, { token, params: { authId: id }, body: { isActive: true } });
    expect(activate.body.error).toBe('invitation_pending');
    expect((await callApi(inviteUserRoute, { token, body: { email } })).status).toBe(409);

    expect((await callApi(resendInvitationRoute, { token, params: { authId: id }, body: {} })).body).toEqual({ success: true });
    const resent = linkToken((await listOutbox({ to: email }))[0]!.text);
    expect(resent).not.toBe(sent);
    expect((await db.invitation.findFirstOrThrow({ where: { userId: id } })).tokenHash).toBe(sha256(resent));

    expect((await callApi(revokeInvitationRoute, { token, params: { authId: id } })).status).toBe(204);
    expect((await callApi(getUserRoute, { token, params: { authId: id } })).body.user).toMatchObject({ isActive: false, isInviting: false });
    expect((await callApi(resendInvitationRoute, { token, params: { authId: id }, body: {} })).body.error).toBe('invitation_not_found');
    expect((await callApi(revokeInvitationRoute, { token, params: { authId: id } })).body.error).toBe('invitation_not_found');
    const actions = (await db.auditEvent.findMany({ where: { targetId: id }, orderBy: { createdAt: 'asc' } })).map((e) => e.action);
    expect(actions).toEqual(['user.invited', 'user.invitation_resent', 'user.invitation_revoked']);
  });

  it('needs root for built-in roles, refuses active users and unknown ids', async () => {
    await ensureSeeded();
    const token = await s2sToken(['write_user']);
    const escalation = await callApi(inviteUserRoute, { token, body: { email: `boss-${Date.now()}@example.test`, roles: ['super_admin'] } });
    expect(escalation.status).toBe(403);
    expect(escalation.body.error).toBe('root_required');
    const invalid = await callApi(inviteUserRoute, { token, body: { email: 'nope', signinUrl: 'javascript:alert(1)' } });
    expect(Object.keys(invalid.body.fields).sort()).toEqual(['email', 'signinUrl']);
    const active = await makeUser();
    expect((await callApi(resendInvitationRoute, { token, params: { authId: active.id }, body: {} })).body.error).toBe('user_already_active');
    expect((await callApi(revokeInvitationRoute, { token, params: { authId: '00000000-0000-4000-8000-000000000000' } })).status).toBe(404);
    expect((await callApi(inviteUserRoute, { token: await s2sToken(['read_user']), body: { email: 'x@example.test' } })).status).toBe(403);
    const root = await s2sToken(['root']);
    const byRoot = await callApi(inviteUserRoute, { token: root, body: { email: `boss2-${Date.now()}@example.test`, roles: ['super_admin'] } });
    expect(byRoot.body.user.roles).toEqual(['super_admin']);
  });
});
