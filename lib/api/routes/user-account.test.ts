import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { makeAdminSession } from '@/lib/admin/testing';
import { sha256 } from '@/lib/crypto/tokens';
import { hashCode } from '@/lib/one-time-codes';
import { db } from '@/lib/db';
import { listOutbox } from '@/lib/dev-outbox';
import { handleTokenRequest } from '@/lib/oauth/token-endpoint';
import { ensureSeeded, issueUserTokens, makeS2sApp, makeSpaApp, makeUser } from '@/lib/testing/factories';
import { authenticateWithPassword } from '@/lib/users/service';
import { callApi, s2sToken } from '../testing';
import {
  deleteActiveSessionRoute,
  deleteConsentedAppRoute,
  deleteLockedIpsRoute,
  deletePasskeyRoute,
  enrollEmailMfaRoute,
  enrollOtpMfaRoute,
  getLockedIpsRoute,
  impersonateUserRoute,
  linkAccountRoute,
  listActiveSessionsRoute,
  listConsentedAppsRoute,
  listPasskeysRoute,
  removeEmailMfaRoute,
  removeOtpMfaRoute,
  removeSmsMfaRoute,
  unlinkAccountRoute,
  verifyEmailRoute,
} from './user-account';
import { getUserRoute } from './users';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

const refresh = (refreshToken: string, clientId: string) =>
  handleTokenRequest(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId }), null);

describe('S2S API: user sub-resources', () => {
  it('lists and lifts sign-in lockouts', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_user', 'write_user']);
    const user = await makeUser();
    for (let attempt = 0; attempt < 6; attempt += 1) await authenticateWithPassword(user.email!, 'Wrong-password-1').catch(() => undefined);
    expect((await callApi(getLockedIpsRoute, { token, params: { authId: user.id } })).body).toEqual({ lockedIPs: [''] });
    await expect(authenticateWithPassword(user.email!, user.password)).rejects.toMatchObject({ code: 'account_locked' });
    expect((await callApi(deleteLockedIpsRoute, { token, params: { authId: user.id } })).status).toBe(204);
    expect((await callApi(getLockedIpsRoute, { token, params: { authId: user.id } })).body.lockedIPs).toEqual([]);
    expect((await authenticateWithPassword(user.email!, user.password)).id).toBe(user.id);
    expect((await callApi(getLockedIpsRoute, { token, params: { authId: UNKNOWN } })).status).toBe(404);
    expect((await callApi(deleteLockedIpsRoute, { token: await s2sToken(['read_user']), params: { authId: user.id } })).status).toBe(403);
  });

  it('resends the verification email with a new hashed code; 400 once verified', async () => {
    await ensureSeeded();
    const token = await s2sToken(['write_user']);
    const user = await makeUser();
    const verified = await callApi(verifyEmailRoute, { token, params: { authId: user.id } });
    expect(verified.status).toBe(400);
    expect(verified.body.error).toBe('email_already_verified');
    await db.user.update({ where: { id: user.id }, data: { emailVerified: false } });
    for (let round = 0; round < 2; round += 1) expect((await callApi(verifyEmailRoute, { token, params: { authId: user.id } })).body).toEqual({ success: true });
    const codes = await db.oneTimeCode.findMany({ where: { userId: user.id, purpose: 'email_verification' } });
    expect(codes).toHaveLength(1);
    const [email] = await listOutbox({ to: user.email! });
    const code = /\b(\d{6})\b/.exec(email!.text)![1]!;
    expect(hashCode('email_verification', code)).toBe(codes[0]!.codeHash);
    expect(email!.text).toContain(`/identity/v1/verify-email?id=${user.id}`);
    expect((await callApi(verifyEmailRoute, { token: await s2sToken(['read_user']), params: { authId: user.id } })).status).toBe(403);
  });

  it('lists and withdraws consents (revoking the refresh tokens there); lists and revokes active sessions', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_user', 'write_user']);
    const user = await makeUser();
    const app = await makeSpaApp();
    const first = await issueUserTokens(app, user);
    const second = await issueUserTokens(app, user, { ssoToken: first.ssoToken });

    const consents = await callApi(listConsentedAppsRoute, { token, params: { authId: user.id } });
    expect(consents.body.consentedApps).toEqual([expect.objectContaining({ appId: app.id, appName: 'Test SPA' })]);

    const sessions = await callApi(listActiveSessionsRoute, { token, params: { authId: user.id } });
    expect(sessions.body.activeSessions).toHaveLength(2);
    expect(sessions.body.activeSessions[0]).toMatchObject({ authId: user.id, clientId: app.clientId, scope: 'openid profile offline_access', roles: [] });
    expect(JSON.stringify(sessions.body)).not.toContain(first.tokens.refresh_token);
    // rotation keeps the session id
    const rotated = await refresh(first.tokens.refresh_token!, app.clientId);
    const after = (await callApi(listActiveSessionsRoute, { token, params: { authId: user.id } })).body.activeSessions as { sessionId: string }[];
    expect(after.map((s) => s.sessionId).sort()).toEqual(sessions.body.activeSessions.map((s: { sessionId: string }) => s.sessionId).sort());
    const firstFamily = (await db.refreshToken.findUniqueOrThrow({ where: { tokenHash: sha256(rotated.refresh_token!) } })).familyId;
    expect((await callApi(deleteActiveSessionRoute, { token, params: { authId: user.id, sessionId: firstFamily } })).status).toBe(204);
    await expect(refresh(rotated.refresh_token!, app.clientId)).rejects.toMatchObject({ code: 'invalid_grant' });
    expect((await callApi(deleteActiveSessionRoute, { token, params: { authId: user.id, sessionId: firstFamily } })).status).toBe(404);
    expect((await callApi(listActiveSessionsRoute, { token, params: { authId: user.id } })).body.activeSessions).toHaveLength(1);

    expect((await callApi(deleteConsentedAppRoute, { token, params: { authId: user.id, appId: app.id } })).status).toBe(204);
    await expect(refresh(second.tokens.refresh_token!, app.clientId)).rejects.toMatchObject({ code: 'invalid_grant' });
    expect((await callApi(listConsentedAppsRoute, { token, params: { authId: user.id } })).body.consentedApps).toEqual([]);
    expect((await callApi(deleteConsentedAppRoute, { token, params: { authId: user.id, appId: app.id } })).status).toBe(404);
    const actions = (await db.auditEvent.findMany({ where: { targetId: user.id }, orderBy: { createdAt: 'asc' } })).map((e) => e.action);
    expect(actions).toEqual(['user.session_revoked', 'user.consent_revoked']);
    const reader = await s2sToken(['read_user']);
    expect((await callApi(deleteActiveSessionRoute, { token: reader, params: { authId: user.id, sessionId: UNKNOWN } })).status).toBe(403);
    expect((await callApi(listActiveSessionsRoute, { token: await s2sToken(['write_user']), params: { authId: user.id } })).status).toBe(403);
  });

  it('links two accounts both ways and unlinks both sides', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_user', 'write_user']);
    const [a, b, c] = [await makeUser(), await makeUser(), await makeUser()];
    expect((await callApi(linkAccountRoute, { token, params: { authId: a.id, linkingAuthId: b.id } })).body).toEqual({ success: true });
    expect((await callApi(getUserRoute, { token, params: { authId: a.id } })).body.user.linkedAuthId).toBe(b.id);
    expect((await callApi(getUserRoute, { token, params: { authId: b.id } })).body.user.linkedAuthId).toBe(a.id);
    expect((await callApi(linkAccountRoute, { token, params: { authId: c.id, linkingAuthId: b.id } })).body.error).toBe('already_linked');
    expect((await callApi(linkAccountRoute, { token, params: { authId: c.id, linkingAuthId: c.id } })).body.error).toBe('cannot_link_self');
    expect((await callApi(linkAccountRoute, { token, params: { authId: c.id, linkingAuthId: UNKNOWN } })).status).toBe(404);
    expect((await callApi(unlinkAccountRoute, { token, params: { authId: b.id } })).status).toBe(204);
    expect((await db.user.findMany({ where: { id: { in: [a.id, b.id] } } })).map((u) => u.linkedUserId)).toEqual([null, null]);
    expect(await db.auditEvent.count({ where: { action: { in: ['user.linked', 'user.unlinked'] } } })).toBe(4);
  });

  it('switches MFA types on and off: OTP removal deletes the secret, SMS removal the phone number', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_user', 'write_user']);
    const user = await makeUser();
    expect((await callApi(enrollEmailMfaRoute, { token, params: { authId: user.id } })).status).toBe(204);
    expect((await callApi(enrollOtpMfaRoute, { token, params: { authId: user.id } })).status).toBe(204);
    expect((await callApi(getUserRoute, { token, params: { authId: user.id } })).body.user.mfaTypes).toEqual(['email', 'otp']);
    await db.totpSecret.create({ data: { userId: user.id, secretEncrypted: 'x', verifiedAt: new Date() } });
    expect((await callApi(getUserRoute, { token, params: { authId: user.id } })).body.user.otpVerified).toBe(true);
    expect((await callApi(removeOtpMfaRoute, { token, params: { authId: user.id } })).status).toBe(204);
    expect(await db.totpSecret.count({ where: { userId: user.id } })).toBe(0);
    await db.user.update({ where: { id: user.id }, data: { smsPhoneNumber: '+15555550100', smsPhoneNumberVerified: true } });
    expect((await callApi(removeSmsMfaRoute, { token, params: { authId: user.id } })).status).toBe(204);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ smsPhoneNumber: null, smsPhoneNumberVerified: false });
    expect((await callApi(removeEmailMfaRoute, { token, params: { authId: user.id } })).status).toBe(204);
    expect((await callApi(getUserRoute, { token, params: { authId: user.id } })).body.user).toMatchObject({ mfaTypes: [], otpVerified: false });
    expect((await callApi(enrollEmailMfaRoute, { token, params: { authId: UNKNOWN } })).status).toBe(404);
    expect((await callApi(enrollEmailMfaRoute, { token: await s2sToken(['read_user']), params: { authId: user.id } })).status).toBe(403);
  });

  it('lists and deletes passkeys', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_user', 'write_user']);
    const user = await makeUser();
    const passkey = await db.passkey.create({ data: { userId: user.id, credentialId: `cred-${user.id}`, publicKey: Buffer.from('key'), counter: 7n, name: 'Laptop' } });
    expect((await callApi(listPasskeysRoute, { token, params: { authId: user.id } })).body.passkeys).toEqual([
      expect.objectContaining({ id: passkey.id, credentialId: passkey.credentialId, counter: 7, name: 'Laptop' }),
    ]);
    expect((await callApi(deletePasskeyRoute, { token, params: { authId: user.id, passkeyId: passkey.id } })).status).toBe(204);
    expect((await callApi(deletePasskeyRoute, { token, params: { authId: user.id, passkeyId: passkey.id } })).status).toBe(404);
    expect((await callApi(listPasskeysRoute, { token, params: { authId: user.id } })).body.passkeys).toEqual([]);
  });
});

describe('S2S API: impersonation', () => {
  it('gives root a 30-minute refresh token of the user, usable at the refresh grant and marked impersonatedBy', async () => {
    await ensureSeeded();
    const root = await s2sToken(['root']);
    const admin = await makeUser({ roles: ['super_admin'] });
    const dashboard = await makeSpaApp();
    const adminToken = (await issueUserTokens(dashboard, admin)).tokens.access_token;
    const user = await makeUser();
    const app = await makeSpaApp();
    await issueUserTokens(app, user); // consents

    const answer = await callApi(impersonateUserRoute, { token: root, params: { authId: user.id, appId: app.id }, body: { impersonatorToken: adminToken } });
    expect(answer.status).toBe(200);
    expect(answer.body.refresh_token_expires_in).toBe(1800);
    expect(Math.abs(answer.body.refresh_token_expires_on - (Date.now() / 1000 + 1800))).toBeLessThan(5);
    const tokens = await refresh(answer.body.refresh_token, app.clientId);
    const claims = decodeJwt(tokens.access_token);
    expect(claims).toMatchObject({ sub: user.id, impersonatedBy: admin.id, scope: 'offline_access profile' });
    // rotation keeps the 30-minute end
    const rotated = await db.refreshToken.findUniqueOrThrow({ where: { tokenHash: sha256(tokens.refresh_token!) } });
    expect(Math.abs(rotated.expiresAt.getTime() / 1000 - answer.body.refresh_token_expires_on)).toBeLessThan(2);
    expect(rotated.impersonatedById).toBe(admin.id);
    expect(await db.auditEvent.count({ where: { action: 'user.impersonated', targetId: user.id } })).toBe(1);
  });

  it('is root only and checks the impersonator, the app and consent', async () => {
    await ensureSeeded();
    const root = await s2sToken(['root']);
    const admin = await makeUser({ roles: ['super_admin'] });
    const plain = await makeUser();
    const spa = await makeSpaApp();
    const adminToken = (await issueUserTokens(spa, admin)).tokens.access_token;
    const plainToken = (await issueUserTokens(spa, plain)).tokens.access_token;
    const user = await makeUser();
    const app = await makeSpaApp();
    const call = (token: string, impersonatorToken: string, appId = app.id, authId = user.id) =>
      callApi(impersonateUserRoute, { token, params: { authId, appId }, body: { impersonatorToken } });

    const writer = await call(await s2sToken(['read_user', 'write_user']), adminToken);
    expect(writer.status).toBe(403);
    expect(writer.body.error).toBe('insufficient_scope');
    expect((await call(root, plainToken)).body.error).toBe('invalid_impersonator');
    expect((await call(root, 'not-a-token')).body.error).toBe('invalid_impersonator');
    expect((await call(root, await s2sToken(['root']))).body.error).toBe('invalid_impersonator');
    expect((await call(root, adminToken)).body.error).toBe('consent_required');
    const s2s = await makeS2sApp(['read_user']);
    expect((await call(root, adminToken, s2s.id)).body.error).toBe('impersonation_app_invalid');
    expect((await call(root, adminToken, UNKNOWN)).status).toBe(404);
    expect((await call(root, adminToken, app.id, UNKNOWN)).status).toBe(404);
    const firstParty = await makeSpaApp({ skipConsent: true });
    expect((await call(root, adminToken, firstParty.id)).status).toBe(200);
    const missing = await callApi(impersonateUserRoute, { token: root, params: { authId: user.id, appId: app.id }, body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: 'invalid_input', fields: { impersonatorToken: 'Required' } });
  });
});

describe('S2S API: impersonation from the admin dashboard session', () => {
  /** A user holding a custom role with `adminScopes`, and an admin session of theirs. */
  async function adminWith(adminScopes: string[]) {
    await ensureSeeded();
    const role = await db.role.create({ data: { name: `imp-${crypto.randomUUID().slice(0, 8)}`, adminScopes } });
    const user = await makeUser({ roles: [role.name] });
    return { user, session: await makeAdminSession(user.id) };
  }
  const firstPartyApp = () => makeSpaApp({ skipConsent: true });

  it("makes the session's user the impersonator, without a token: super_admin (root) may impersonate anyone", async () => {
    await ensureSeeded();
    const admin = await makeUser({ roles: ['super_admin'] });
    const session = await makeAdminSession(admin.id);
    const app = await firstPartyApp();
    const user = await makeUser();

    const answer = await callApi(impersonateUserRoute, { admin: session, params: { authId: user.id, appId: app.id }, body: {} });
    expect(answer.status).toBe(200);
    expect(answer.body.refresh_token_expires_in).toBe(1800);
    const claims = decodeJwt((await refresh(answer.body.refresh_token, app.clientId)).access_token);
    expect(claims).toMatchObject({ sub: user.id, impersonatedBy: admin.id });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'user.impersonated', targetId: user.id } });
    expect(event).toMatchObject({ actorType: 'user', actorId: admin.id, after: { impersonatedBy: admin.id, appId: app.id } });

    // a token in the body names no one else: the session's user stays the impersonator
    const other = await makeUser({ roles: ['super_admin'] });
    const otherToken = (await issueUserTokens(await makeSpaApp(), other)).tokens.access_token;
    const withToken = await callApi(impersonateUserRoute, { admin: session, params: { authId: user.id, appId: app.id }, body: { impersonatorToken: otherToken } });
    expect(decodeJwt((await refresh(withToken.body.refresh_token, app.clientId)).access_token).impersonatedBy).toBe(admin.id);

    const superAdmin = await makeUser({ roles: ['super_admin'] });
    expect((await callApi(impersonateUserRoute, { admin: session, params: { authId: superAdmin.id, appId: app.id }, body: {} })).status).toBe(200);
  });

  it('with the impersonation right: plain users and holders of rights it has, never a super_admin or stronger rights', async () => {
    const { user: impersonator, session } = await adminWith(['impersonation', 'read_user']);
    const app = await firstPartyApp();
    const call = (authId: string) => callApi(impersonateUserRoute, { admin: session, params: { authId, appId: app.id }, body: {} });

    const plain = await makeUser();
    const granted = await call(plain.id);
    expect(granted.status).toBe(200);
    expect(decodeJwt((await refresh(granted.body.refresh_token, app.clientId)).access_token)).toMatchObject({ sub: plain.id, impersonatedBy: impersonator.id });
    expect(await db.auditEvent.count({ where: { action: 'user.impersonated', targetId: plain.id, actorId: impersonator.id, actorType: 'user' } })).toBe(1);

    const { user: reader } = await adminWith(['read_user']);
    expect((await call(reader.id)).status).toBe(200);

    const superAdmin = await makeUser({ roles: ['super_admin'] });
    const { user: appWriter } = await adminWith(['write_app']);
    const { user: peer } = await adminWith(['impersonation']);
    for (const target of [superAdmin, appWriter, peer]) {
      const refused = await call(target.id);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toBe('target_outranks_caller');
    }
    expect(await db.auditEvent.count({ where: { action: 'user.impersonated', targetId: { in: [superAdmin.id, appWriter.id, peer.id] } } })).toBe(0);

    // the other checks still apply
    expect((await call(UNKNOWN)).status).toBe(404);
    const s2s = await makeS2sApp(['read_user']);
    expect((await callApi(impersonateUserRoute, { admin: session, params: { authId: plain.id, appId: s2s.id }, body: {} })).body.error).toBe('impersonation_app_invalid');
  });

  it('refuses an admin without the impersonation right, and a write without the CSRF header', async () => {
    const { session } = await adminWith(['read_user', 'write_user', 'read_app', 'write_app']);
    const app = await firstPartyApp();
    const user = await makeUser();
    const denied = await callApi(impersonateUserRoute, { admin: session, params: { authId: user.id, appId: app.id }, body: {} });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toBe('insufficient_scope');

    const { session: impersonatorSession } = await adminWith(['impersonation']);
    const noCsrf = await callApi(impersonateUserRoute, {
      admin: impersonatorSession,
      params: { authId: user.id, appId: app.id },
      body: {},
      headers: { 'x-tessera-csrf': '' },
    });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error).toBe('csrf_check_failed');
    expect(await db.auditEvent.count({ where: { action: 'user.impersonated', targetId: user.id } })).toBe(0);
  });
});
