import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { NextRequest } from 'next/server';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POST as policyAction } from '@/app/identity/v1/policy/[action]/route';
import { overrideConfigForTesting } from '@/lib/config';
import { verifyPassword } from '@/lib/crypto/password';
import { transaction, db } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import { AuthorizeRedirectError } from '@/lib/oauth/authorize-request';
import { handleTokenRequest } from '@/lib/oauth/token-endpoint';
import { authorizeParams, issueUserTokens, makePkce, makeSpaApp, makeUser } from '@/lib/testing/factories';
import { REQUEST_COOKIE_PREFIX, type FlowOutcome } from '@/lib/flow';
import { browserContext } from '@/lib/sign-in/hosted';
import { startAuthorization } from '@/lib/sign-in/start';
import { decideConsent } from '../consent';
import { SSO_COOKIE } from '../cookies';
import { signInWithPassword } from '../sign-in';
import { findSsoSession, startSsoSession } from '../sso-session';
import { changePassword, confirmChangeEmail, sendChangeEmailCode, updateInfo } from './account';
import { deleteAccount } from './delete-account';
import { leavePolicy } from './leave';
import { chooseChangeOrg, chooseSwitchOrg } from './orgs';
import { listSessions, revokeOtherSessions, revokeSession } from './sessions';
import { accountDeletedView, changeEmailView, changePasswordView, deleteAccountView, orgChoiceView, updateInfoView } from './views';

const DEFAULTS = {
  enableUserAppConsent: true,
  serverSessionExpiresIn: 1800,
  blockedPolicies: [] as string[],
  enableOrg: false,
  allowUserSwitchOrgOnSignIn: false,
  enableNames: true,
  namesIsRequired: false,
  enablePasswordReset: true,
  enablePasswordSignIn: true,
  enableEmailVerification: true,
  enableUserAttribute: false,
  changeEmailEmailThreshold: 5,
  changeEmailCodeThreshold: 5,
  devOutbox: true,
};

beforeAll(() => overrideConfigForTesting(DEFAULTS));
beforeEach(() => overrideConfigForTesting(DEFAULTS));

type App = Awaited<ReturnType<typeof makeSpaApp>>;
type User = { email: string | null; password: string; id: string };

function browserOf(outcome: FlowOutcome, ip = '') {
  const url = new URL(outcome.location);
  const requestId = url.searchParams.get('request')!;
  const bindingSecret = outcome.cookies.find((cookie) => cookie.name.startsWith(REQUEST_COOKIE_PREFIX))?.value;
  return browserContext({ requestId, bindingSecret }, { ip, userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36' });
}

const path = (outcome: FlowOutcome) => new URL(outcome.location).pathname;

/**
 * /authorize with `policy`, signing in (unless an SSO session is reused) and consenting when asked.
 * An account without a password (an external provider's) signs in at the provider: the request
 * records that sign-in as made now.
 */
async function startPolicy(app: App, user: User, policy: string, options: { ssoToken?: string; extra?: Record<string, string> } = {}) {
  const pkce = makePkce();
  const params = authorizeParams(app, pkce, { policy, ...options.extra });
  let outcome = await startAuthorization(params, { ssoToken: options.ssoToken });
  const browser = browserOf(outcome);
  let ssoToken = options.ssoToken;
  if (path(outcome) === '/identity/v1/sign-in' && !user.password) {
    await db.authorizationRequest.update({ where: { id: browser.requestId }, data: { userId: user.id, authTime: new Date(), amr: ['fed'] } });
  } else if (path(outcome) === '/identity/v1/sign-in') {
    outcome = await signInWithPassword(browser, { email: user.email!, password: user.password });
    ssoToken = outcome.cookies.find((cookie) => cookie.name === SSO_COOKIE)?.value ?? ssoToken;
  }
  if (path(outcome) === '/identity/v1/consent') outcome = await decideConsent(browser, 'allow');
  return { outcome, browser, pkce, params, ssoToken };
}

async function redeem(outcome: FlowOutcome, verifier: string) {
  const code = new URL(outcome.location).searchParams.get('code');
  expect(code, outcome.location).toBeTruthy();
  return handleTokenRequest(new URLSearchParams({ grant_type: 'authorization_code', code: code!, code_verifier: verifier }), null);
}

async function rejects(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(isAppError(error), String(error)).toBe(true);
  expect((error as { code: string }).code).toBe(code);
  return error as { code: string; status: number; fields?: Record<string, string> };
}

async function lastCodeTo(email: string): Promise<string> {
  const message = await db.devOutboxMessage.findFirst({ where: { to: email }, orderBy: { createdAt: 'desc' } });
  const code = /\b(\d{6})\b/.exec(message?.text ?? '')?.[1];
  expect(code, `a code sent to ${email}`).toBeTruthy();
  return code!;
}

/** A user of an external provider (no password), signed in through an SSO session of their own. */
async function makeSocialUserSession() {
  const user = await db.user.create({ data: { email: `social-${randomUUID()}@example.test`, authProvider: 'google', providerSubject: randomUUID(), emailVerified: true } });
  const session = await transaction((tx) => startSsoSession(tx, { userId: user.id, authTime: new Date(), amr: ['fed'], userAgent: 'vitest', ip: '' }));
  return { user: { ...user, password: '' }, ssoToken: session!.token };
}

describe('policy parameter at /authorize', () => {
  it('accepts every policy, refuses unknown ones, blocked ones and those whose feature is off (error to the client)', async () => {
    const app = await makeSpaApp();
    const pkce = makePkce();
    for (const policy of ['update_info', 'change_password', 'change_email', 'delete_account', 'manage_sessions']) {
      const outcome = await startAuthorization(authorizeParams(app, pkce, { policy }), {});
      expect(path(outcome), policy).toBe('/identity/v1/sign-in');
    }
    const unknown = await rejects(startAuthorization(authorizeParams(app, pkce, { policy: 'reset_everything' }), {}), 'invalid_request');
    expect(unknown).toBeInstanceOf(AuthorizeRedirectError);

    overrideConfigForTesting({ ...DEFAULTS, blockedPolicies: ['change_password', 'delete_account'] });
    for (const policy of ['change_password', 'delete_account']) {
      const error = (await rejects(startAuthorization(authorizeParams(app, pkce, { policy }), {}), 'invalid_request')) as AuthorizeRedirectError;
      const location = new URL(error.location);
      expect(`${location.origin}${location.pathname}`).toBe(app.redirectUri);
      expect(location.searchParams.get('error')).toBe('invalid_request');
      expect(location.searchParams.get('error_description')).toContain('blocked');
    }
    expect(path(await startAuthorization(authorizeParams(app, pkce, { policy: 'change_email' }), {}))).toBe('/identity/v1/sign-in');

    overrideConfigForTesting({ ...DEFAULTS, enableOrg: false });
    const disabled = (await rejects(startAuthorization(authorizeParams(app, pkce, { policy: 'change_org' }), {}), 'invalid_request')) as AuthorizeRedirectError;
    expect(disabled.message).toContain('not enabled');
  });

  it('a policy blocked after the request started is refused by its endpoint too', async () => {
    const app = await makeSpaApp();
    const user = await makeUser();
    const { outcome, browser } = await startPolicy(app, user, 'change_password');
    expect(path(outcome)).toBe('/identity/v1/change-password');
    overrideConfigForTesting({ ...DEFAULTS, blockedPolicies: ['change_password'] });
    await rejects(changePassword(browser, { currentPassword: user.password, newPassword: 'another-Password-1' }), 'policy_unavailable');
  });
});

describe('policy binding', () => {
  it('an action endpoint refuses a request started for another policy (and a plain sign-in)', async () => {
    const app = await makeSpaApp();
    const user = await makeUser();
    const emailRequest = await startPolicy(app, user, 'change_email');
    expect(path(emailRequest.outcome)).toBe('/identity/v1/change-email');
    await rejects(changePassword(emailRequest.browser, { currentPassword: user.password, newPassword: 'another-Password-1' }), 'wrong_step');
    await rejects(updateInfo(emailRequest.browser, { firstName: 'X' }), 'wrong_step');
    await rejects(deleteAccount(emailRequest.browser, { confirm: true }), 'wrong_step');
    await rejects(revokeOtherSessions(emailRequest.browser), 'wrong_step');

    const passwordRequest = await startPolicy(app, user, 'change_password', { ssoToken: emailRequest.ssoToken });
    await rejects(sendChangeEmailCode(passwordRequest.browser, { email: `new-${randomUUID()}@example.test` }), 'wrong_step');
    await rejects(confirmChangeEmail(passwordRequest.browser, { code: '123456' }), 'wrong_step');

    // A change-email code is bound to the request it was sent for.
    const address = `new-${randomUUID()}@example.test`;
    await sendChangeEmailCode(emailRequest.browser, { email: address });
    const code = await lastCodeTo(address);
    const otherEmailRequest = await startPolicy(app, user, 'change_email', { ssoToken: emailRequest.ssoToken });
    await rejects(confirmChangeEmail(otherEmailRequest.browser, { code }), 'no_code_sent');

    // No policy: nothing to do there either, the code goes straight to the client.
    const pkce = makePkce();
    const plain = await startAuthorization(authorizeParams(app, pkce), { ssoToken: emailRequest.ssoToken });
    expect(new URL(plain.location).searchParams.get('code')).toBeTruthy();
  });

  it('another browser cannot drive the policy page of a request', async () => {
    const app = await makeSpaApp();
    const user = await makeUser();
    const { browser } = await startPolicy(app, user, 'change_password');
    await rejects(changePassword({ ...browser, bindingSecret: 'not-the-secret' }, { currentPassword: user.password, newPassword: 'another-Password-1' }), 'request_not_found');
  });
});

describe('change_password', () => {
  it('checks the current password, needs a different one, then returns a code; the new password signs in', async () => {
    const app = await makeSpaApp();
    const user = await makeUser();
    const { outcome, browser, pkce } = await startPolicy(app, user, 'change_password');
    expect(path(outcome)).toBe('/identity/v1/change-password');

    const wrong = await rejects(changePassword(browser, { currentPassword: 'not-it', newPassword: 'another-Password-1' }), 'wrong_password');
    expect(wrong.fields).toEqual({ currentPassword: 'wrong_password' });
    await rejects(changePassword(browser, { currentPassword: user.password, newPassword: user.password }), 'password_unchanged');
    await rejects(changePassword(browser, { currentPassword: user.password, newPassword: 'short' }), 'weak_password');

    const done = await changePassword(browser, { currentPassword: user.password, newPassword: 'another-Password-1' });
    expect(`${new URL(done.location).origin}${new URL(done.location).pathname}`).toBe(app.redirectUri);
    const tokens = await redeem(done, pkce.verifier);
    expect(tokens.access_token).toBeTruthy();

    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword('another-Password-1', stored.passwordHash!)).toBe(true);
    expect(stored.passwordChangedAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { action: 'user.password_changed', targetId: user.id } })).toBe(1);
    // Submitted twice: the request is gone.
    await rejects(changePassword(browser, { currentPassword: 'another-Password-1', newPassword: 'third-Password-1' }), 'request_not_found');
  });

  it('never for accounts of an external provider, nor for accounts without a password', async () => {
    const app = await makeSpaApp({ skipConsent: true });
    const social = await makeSocialUserSession();
    for (const policy of ['change_password', 'change_email']) {
      const { browser } = await startPolicy(app, social.user, policy, { ssoToken: social.ssoToken });
      const view = policy === 'change_password' ? await changePasswordView(browser) : await changeEmailView(browser);
      expect(view).toMatchObject({ kind: 'step', ineligible: 'external_account' });
    }
    const { browser } = await startPolicy(app, social.user, 'change_password', { ssoToken: social.ssoToken });
    await rejects(changePassword(browser, { currentPassword: 'x', newPassword: 'another-Password-1' }), 'external_account');
    const emailRequest = await startPolicy(app, social.user, 'change_email', { ssoToken: social.ssoToken });
    await rejects(sendChangeEmailCode(emailRequest.browser, { email: `x-${randomUUID()}@example.test` }), 'external_account');

    // Leaving an unavailable policy returns to the app like a sign-in.
    const left = await leavePolicy(browser);
    expect(new URL(left.location).searchParams.get('code')).toBeTruthy();

    const local = await makeUser();
    await db.user.update({ where: { id: local.id }, data: { passwordHash: null } });
    const session = await transaction((tx) => startSsoSession(tx, { userId: local.id, authTime: new Date(), amr: ['otp'], userAgent: 'vitest', ip: '' }));
    const noPassword = await startPolicy(app, { ...local, password: '' }, 'change_password', { ssoToken: session!.token });
    expect(await changePasswordView(noPassword.browser)).toMatchObject({ ineligible: 'no_password' });
  });
});

describe('change_email', () => {
  it('sends a code to the NEW address, changes the email with it once, tells the OLD address', async () => {
    const app = await makeSpaApp();
    const user = await makeUser();
    const { browser, pkce } = await startPolicy(app, user, 'change_email');
    const newEmail = `New-${randomUUID()}@Example.test`;

    await rejects(sendChangeEmailCode(browser, { email: user.email! }), 'email_unchanged');
    const other = await makeUser();
    await rejects(sendChangeEmailCode(browser, { email: other.email! }), 'email_taken');
    await rejects(sendChangeEmailCode(browser, { email: 'not-an-email' }), 'invalid_input');
    await rejects(confirmChangeEmail(browser, { code: '000000' }), 'no_code_sent');

    const sent = await sendChangeEmailCode(browser, { email: newEmail });
    expect(path(sent)).toBe('/identity/v1/change-email');
    const normalized = newEmail.toLowerCase();
    const code = await lastCodeTo(normalized);
    const stored0 = await db.oneTimeCode.findFirstOrThrow({ where: { userId: user.id, purpose: 'change_email' } });
    expect(stored0).toMatchObject({ target: normalized, authorizationRequestId: browser.requestId, consumedAt: null });
    expect(stored0.codeHash).not.toContain(code);
    expect(await changeEmailView(browser)).toMatchObject({ pendingEmail: normalized, currentEmail: user.email });

    const wrongCode = code === '000000' ? '111111' : '000000';
    await rejects(confirmChangeEmail(browser, { code: wrongCode }), 'invalid_code');
    const done = await confirmChangeEmail(browser, { code });
    expect(new URL(done.location).searchParams.get('code')).toBeTruthy();

    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.email).toBe(normalized);
    expect(stored.emailVerified).toBe(true);
    const notice = await db.devOutboxMessage.findFirst({ where: { to: user.email! }, orderBy: { createdAt: 'desc' } });
    expect(notice?.text).toContain(normalized);
    // Consumed, and gone with its request.
    expect(await db.oneTimeCode.count({ where: { userId: user.id, purpose: 'change_email' } })).toBe(0);
    await redeem(done, pkce.verifier);

    // Single use: the same code in a new request of the same user is not accepted.
    const again = await startPolicy(app, { ...user, email: normalized }, 'change_email');
    await rejects(confirmChangeEmail(again.browser, { code }), 'no_code_sent');
  });

  it('limits code emails per account and wrong codes per user', async () => {
    overrideConfigForTesting({ ...DEFAULTS, changeEmailEmailThreshold: 2, changeEmailCodeThreshold: 2 });
    const app = await makeSpaApp();
    const user = await makeUser();
    const { browser } = await startPolicy(app, user, 'change_email');
    const address = `limit-${randomUUID()}@example.test`;
    await sendChangeEmailCode(browser, { email: address });
    await sendChangeEmailCode(browser, { email: address });
    const limited = await rejects(sendChangeEmailCode(browser, { email: address }), 'too_many_requests');
    expect(limited.status).toBe(429);

    const code = await lastCodeTo(address);
    const wrongCode = code === '000000' ? '111111' : '000000';
    await rejects(confirmChangeEmail(browser, { code: wrongCode }), 'invalid_code');
    await rejects(confirmChangeEmail(browser, { code: wrongCode }), 'invalid_code');
    // Blocked now, even with the right code.
    await rejects(confirmChangeEmail(browser, { code }), 'too_many_requests');
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
  });
});

describe('update_info', () => {
  it('updates the names through the users service, audited as the user; required names are enforced', async () => {
    const app = await makeSpaApp();
    const user = await makeUser();
    const { browser, outcome } = await startPolicy(app, user, 'update_info');
    expect(path(outcome)).toBe('/identity/v1/update-info');
    overrideConfigForTesting({ ...DEFAULTS, namesIsRequired: true });
    const missing = await rejects(updateInfo(browser, { firstName: 'Ada', lastName: '' }), 'invalid_input');
    expect(missing.fields).toEqual({ lastName: 'required' });
    overrideConfigForTesting(DEFAULTS);
    const done = await updateInfo(browser, { firstName: 'Ada', lastName: 'Lovelace' });
    expect(new URL(done.location).searchParams.get('code')).toBeTruthy();
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace' });
    expect(await db.auditEvent.count({ where: { action: 'user.updated', targetId: user.id, actorId: user.id } })).toBe(1);
  });
});

describe('update_info with user attributes', () => {
  it('edits every attribute with the users service rules; errors as codes or the deployer’s message in the page’s language', async () => {
    overrideConfigForTesting({ ...DEFAULTS, enableNames: false, enableUserAttribute: true });
    const suffix = randomUUID().slice(0, 8);
    const employeeId = await db.userAttribute.create({
      data: {
        name: `employee-${suffix}`,
        unique: true,
        validationRegex: '^E\\d{4}$',
        requiredInSignUpForm: true,
        includeInSignUpForm: true,
        locales: { create: [{ locale: 'en', label: 'Employee ID', validationMessage: 'E and 4 digits' }, { locale: 'zh-CN', label: '工号', validationMessage: 'E 加 4 位数字' }] },
      },
    });
    const team = await db.userAttribute.create({ data: { name: `team-${suffix}` } });
    const app = await makeSpaApp({ skipConsent: true });
    const user = await makeUser();
    const other = await makeUser();
    await db.userAttributeValue.create({ data: { userId: other.id, userAttributeId: employeeId.id, value: 'E0001' } });

    const { browser, outcome } = await startPolicy(app, user, 'update_info', { extra: { locale: 'zh-CN' } });
    expect(path(outcome)).toBe('/identity/v1/update-info');
    const view = await updateInfoView(browser);
    expect(view.kind === 'step' && view.attributes.filter((entry) => [employeeId.id, team.id].includes(entry.id))).toEqual([
      { id: employeeId.id, label: '工号', required: true, value: '' },
      { id: team.id, label: team.name, required: false, value: '' },
    ]);

    const invalid = await rejects(updateInfo(browser, { attributes: { [employeeId.id]: 'nope' } }), 'invalid_attribute_values');
    expect(invalid.fields).toEqual({ [`attributes.${employeeId.id}`]: 'E 加 4 位数字' });
    const taken = await rejects(updateInfo(browser, { attributes: { [employeeId.id]: 'E0001' } }), 'invalid_attribute_values');
    expect(taken.fields).toEqual({ [`attributes.${employeeId.id}`]: 'taken' });
    const emptied = await rejects(updateInfo(browser, { attributes: { [employeeId.id]: '' } }), 'invalid_attribute_values');
    expect(emptied.fields).toEqual({ [`attributes.${employeeId.id}`]: 'required' });

    const done = await updateInfo(browser, { attributes: { [employeeId.id]: 'E1234', [team.id]: 'Platform' } });
    expect(new URL(done.location).searchParams.get('code')).toBeTruthy();
    const values = await db.userAttributeValue.findMany({ where: { userId: user.id }, select: { userAttributeId: true, value: true }, orderBy: { value: 'asc' } });
    expect(values).toEqual([
      { userAttributeId: employeeId.id, value: 'E1234' },
      { userAttributeId: team.id, value: 'Platform' },
    ]);
  });

  it('is unavailable with neither names nor attributes', async () => {
    overrideConfigForTesting({ ...DEFAULTS, enableNames: false, enableUserAttribute: false });
    const app = await makeSpaApp();
    await rejects(startAuthorization(authorizeParams(app, makePkce(), { policy: 'update_info' }), {}), 'invalid_request');
  });
});

describe('delete_account', () => {
  it('needs a fresh sign-in in this request (never a reused session) and an explicit confirmation; deletes everything at once', async () => {
    const app = await makeSpaApp();
    const otherApp = await makeSpaApp({ skipConsent: true });
    const user = await makeUser();
    const signedIn = await issueUserTokens(otherApp, user);
    expect(signedIn.tokens.refresh_token).toBeTruthy();

    const pkce = makePkce();
    const started = await startAuthorization(authorizeParams(app, pkce, { policy: 'delete_account' }), { ssoToken: signedIn.ssoToken });
    expect(path(started), 'no SSO reuse').toBe('/identity/v1/sign-in');
    const browser = browserOf(started);
    const afterSignIn = await signInWithPassword(browser, { email: user.email!, password: user.password });
    expect(path(afterSignIn), 'no consent for a deletion').toBe('/identity/v1/delete-account');

    await db.signInLog.create({ data: { userId: user.id, appId: app.id, email: user.email, method: 'password', success: true, ip: '198.51.100.4' } });
    await rejects(deleteAccount(browser, { confirm: false }), 'confirmation_required');
    const deleted = await deleteAccount(browser, { confirm: true });
    const location = new URL(deleted.location);
    expect(location.pathname).toBe('/identity/v1/account-deleted');
    expect(location.searchParams.get('client_id')).toBe(app.clientId);
    expect(deleted.cookies).toEqual(expect.arrayContaining([expect.objectContaining({ name: SSO_COOKIE, maxAge: 0 })]));

    expect(await db.user.findUnique({ where: { id: user.id } })).toBeNull();
    // Sign-in logs keep their rows without the person (lib/users/personal-data).
    expect(await db.signInLog.count({ where: { email: { equals: user.email!, mode: 'insensitive' } } })).toBe(0);
    expect(await db.signInLog.count({ where: { appId: app.id, ip: '198.51.100.4' } })).toBe(0);
    expect(await db.signInLog.count({ where: { appId: app.id, ip: '' } }), 'the sign-in above and the row made here').toBe(2);
    for (const count of [
      db.refreshToken.count({ where: { userId: user.id } }),
      db.ssoSession.count({ where: { userId: user.id } }),
      db.consent.count({ where: { userId: user.id } }),
      db.authorizationCode.count({ where: { userId: user.id } }),
      db.authorizationRequest.count({ where: { userId: user.id } }),
      db.userRole.count({ where: { userId: user.id } }),
    ]) {
      expect(await count).toBe(0);
    }
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'user.deleted', targetId: user.id } });
    expect(audit).toMatchObject({ actorType: 'user', actorId: user.id });
    expect(JSON.stringify(audit.before)).not.toContain(user.email!);
    // The refresh token of the other app died with the account.
    await rejects(
      handleTokenRequest(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: signedIn.tokens.refresh_token!, client_id: otherApp.clientId }), null),
      'invalid_grant',
    );

    const view = await accountDeletedView({
      clientId: location.searchParams.get('client_id')!,
      redirectUri: location.searchParams.get('redirect_uri')!,
      state: location.searchParams.get('state')!,
      locale: 'en',
    });
    const back = new URL(view.returnUrl!);
    expect(`${back.origin}${back.pathname}`).toBe(app.redirectUri);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('error_description')).toBe('account_deleted');
    // A forged redirect_uri gets no link.
    expect(await accountDeletedView({ clientId: app.clientId, redirectUri: 'https://evil.example/cb', locale: 'en' })).toEqual({ appName: null, returnUrl: null });
  });

  it('refuses a sign-in older than the request, and accounts holding a built-in role; leaving answers access_denied', async () => {
    const app = await makeSpaApp();
    const user = await makeUser();
    const { browser, outcome } = await startPolicy(app, user, 'delete_account');
    expect(path(outcome)).toBe('/identity/v1/delete-account');
    const request = await db.authorizationRequest.findUniqueOrThrow({ where: { id: browser.requestId } });
    await db.authorizationRequest.update({ where: { id: request.id }, data: { authTime: new Date(request.createdAt.getTime() - 60_000) } });
    // Asked to sign in again (issue 12 item 7): the request is back at the sign-in page.
    await rejects(deleteAccount(browser, { confirm: true }), 'sign_in_again');
    expect(await deleteAccountView(browser)).toMatchObject({ kind: 'redirect', redirectTo: expect.stringContaining('/identity/v1/sign-in?') });
    expect(path(await signInWithPassword(browser, { email: user.email!, password: user.password }))).toBe('/identity/v1/delete-account');

    const left = await leavePolicy(browser);
    const back = new URL(left.location);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('code')).toBeNull();
    expect(await db.user.findUnique({ where: { id: user.id } })).not.toBeNull();

    const admin = await makeUser({ roles: ['super_admin'] });
    const adminRequest = await startPolicy(app, admin, 'delete_account');
    await rejects(deleteAccount(adminRequest.browser, { confirm: true }), 'protected_account');
    expect(await db.user.findUnique({ where: { id: admin.id } })).not.toBeNull();
  });
});

describe('manage_sessions', () => {
  it('lists browser and app sessions, revokes one, refuses this browser’s own, and signs out everywhere else', async () => {
    const appA = await makeSpaApp({ skipConsent: true });
    const appB = await makeSpaApp({ skipConsent: true });
    const user = await makeUser();
    const laptop = await issueUserTokens(appA, user);
    const phone = await issueUserTokens(appB, user);
    // manage_sessions never reuses the laptop's SSO session (issue 12 item 7): this browser signs in anew.
    const { browser, outcome } = await startPolicy(appA, user, 'manage_sessions', { ssoToken: laptop.ssoToken });
    expect(path(outcome)).toBe('/identity/v1/manage-sessions');

    const request = await db.authorizationRequest.findUniqueOrThrow({ where: { id: browser.requestId } });
    const listed = await listSessions(user.id, request.ssoSessionId);
    expect(listed.browsers).toHaveLength(3);
    expect(listed.browsers[0]!.current).toBe(true);
    expect(listed.apps.map((session) => session.appName)).toEqual(['Test SPA', 'Test SPA']);
    const phoneSession = await findSsoSession(phone.ssoToken);
    const phoneBrowser = listed.browsers.find((session) => session.id === phoneSession!.id)!;
    const phoneToken = await db.refreshToken.findFirstOrThrow({ where: { userId: user.id, appId: appB.id } });
    const phoneApp = listed.apps.find((session) => session.id === phoneToken.familyId)!;

    await rejects(revokeSession(browser, { kind: 'browser', sessionId: request.ssoSessionId! }), 'current_session');
    await rejects(revokeSession(browser, { kind: 'app', sessionId: randomUUID() }), 'session_not_found');
    const stay = await revokeSession(browser, { kind: 'app', sessionId: phoneApp.id });
    expect(path(stay)).toBe('/identity/v1/manage-sessions');
    await rejects(
      handleTokenRequest(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: phone.tokens.refresh_token!, client_id: appB.clientId }), null),
      'invalid_grant',
    );
    await revokeSession(browser, { kind: 'browser', sessionId: phoneBrowser.id });
    expect((await db.ssoSession.findUniqueOrThrow({ where: { id: phoneBrowser.id } })).endedAt).not.toBeNull();

    // Another device signs in; "everywhere else" ends it and keeps this browser.
    const tablet = await issueUserTokens(appB, user);
    await revokeOtherSessions(browser);
    const after = await listSessions(user.id, request.ssoSessionId);
    expect(after.browsers.map((session) => session.id)).toEqual([request.ssoSessionId]);
    expect(after.apps.every((session) => session.current)).toBe(true);
    await rejects(
      handleTokenRequest(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tablet.tokens.refresh_token!, client_id: appB.clientId }), null),
      'invalid_grant',
    );
    // The laptop is another browser now: signed out too.
    await rejects(
      handleTokenRequest(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: laptop.tokens.refresh_token!, client_id: appA.clientId }), null),
      'invalid_grant',
    );
    expect(await db.auditEvent.count({ where: { targetId: user.id, action: { in: ['user.session_revoked', 'user.sso_session_ended', 'user.other_sessions_ended'] } } })).toBe(3);

    const done = await leavePolicy(browser);
    expect(new URL(done.location).searchParams.get('code')).toBeTruthy();
  });
});

describe('orgs: switch at sign-in and change_org', () => {
  async function makeOrgs(userId: string) {
    const suffix = randomUUID().slice(0, 8);
    const alpha = await db.org.create({ data: { name: `Alpha ${suffix}`, slug: `alpha-${suffix}` } });
    const beta = await db.org.create({ data: { name: `Beta ${suffix}`, slug: `beta-${suffix}`, companyLogoUrl: 'https://cdn.example.test/beta.png' } });
    const brandOnly = await db.org.create({ data: { name: `Brand ${suffix}`, slug: `brand-${suffix}`, onlyUseForBrandingOverride: true } });
    await db.userOrg.createMany({ data: [alpha, beta, brandOnly].map((org) => ({ userId, orgId: org.id })) });
    await db.user.update({ where: { id: userId }, data: { activeOrgId: alpha.id } });
    return { alpha, beta, brandOnly };
  }

  it('asks after sign-in and consent, lists memberships (not branding-only orgs), sets the active org and the org claim', async () => {
    overrideConfigForTesting({ ...DEFAULTS, enableOrg: true, allowUserSwitchOrgOnSignIn: true });
    const app = await makeSpaApp();
    const user = await makeUser();
    const { alpha, beta, brandOnly } = await makeOrgs(user.id);
    const { outcome, browser, pkce } = await startPolicy(app, user, 'sign_in_or_sign_up', { extra: { org: brandOnly.slug } });
    expect(path(outcome)).toBe('/identity/v1/switch-org');

    const view = await orgChoiceView(browser, 'switch_org');
    expect(view).toMatchObject({ kind: 'step', activeSlug: alpha.slug });
    expect(view.kind === 'step' && view.orgs).toEqual([
      { slug: alpha.slug, name: alpha.name, logoUrl: null },
      { slug: beta.slug, name: beta.name, logoUrl: 'https://cdn.example.test/beta.png' },
    ]);
    await rejects(chooseSwitchOrg(browser, { org: brandOnly.slug }), 'org_not_available');
    await rejects(chooseChangeOrg(browser, { org: beta.slug }), 'wrong_step');

    const done = await chooseSwitchOrg(browser, { org: beta.slug });
    expect(new URL(done.location).searchParams.get('org')).toBe(beta.slug);
    const tokens = await redeem(done, pkce.verifier);
    expect(decodeJwt(tokens.access_token).org).toBe(beta.slug);
    expect(decodeJwt(tokens.id_token!).org).toBe(beta.slug);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).activeOrgId).toBe(beta.id);
  });

  it('no org choice without memberships or with the flags off; change_org switches as a policy', async () => {
    overrideConfigForTesting({ ...DEFAULTS, enableOrg: true, allowUserSwitchOrgOnSignIn: true });
    const app = await makeSpaApp({ skipConsent: true });
    const loner = await makeUser();
    const plain = await startPolicy(app, loner, 'sign_in_or_sign_up');
    expect(new URL(plain.outcome.location).searchParams.get('code')).toBeTruthy();
    const noOrgs = await startPolicy(app, loner, 'change_org');
    expect(await orgChoiceView(noOrgs.browser, 'change_org')).toMatchObject({ ineligible: 'org_not_available' });

    overrideConfigForTesting({ ...DEFAULTS, enableOrg: true, allowUserSwitchOrgOnSignIn: false });
    const member = await makeUser();
    const { beta } = await makeOrgs(member.id);
    const signIn = await startPolicy(app, member, 'sign_in_or_sign_up');
    expect(new URL(signIn.outcome.location).searchParams.get('code')).toBeTruthy();

    const { outcome, browser, pkce } = await startPolicy(app, member, 'change_org', { ssoToken: signIn.ssoToken });
    expect(path(outcome)).toBe('/identity/v1/change-org');
    const done = await chooseChangeOrg(browser, { org: beta.slug });
    expect(decodeJwt((await redeem(done, pkce.verifier)).access_token).org).toBe(beta.slug);
    expect(await db.auditEvent.count({ where: { action: 'user.active_org_changed', targetId: member.id } })).toBe(1);
  });
});

describe('POST /identity/v1/policy/<action>', () => {
  const post = (action: string, body: unknown, headers: Record<string, string> = {}) =>
    policyAction(
      new NextRequest(`http://localhost:3999/identity/v1/policy/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost:3999', ...headers },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({ action }) },
    );

  it('runs the action for the request of this browser (binding cookie) and answers { redirectTo }', async () => {
    const app = await makeSpaApp({ skipConsent: true });
    const user = await makeUser();
    const { browser } = await startPolicy(app, user, 'manage_sessions');
    const cookie = `${REQUEST_COOKIE_PREFIX}${browser.requestId}=${browser.bindingSecret}`;
    const response = await post('leave', { requestId: browser.requestId }, { cookie });
    expect(response.status).toBe(200);
    const { redirectTo } = (await response.json()) as { redirectTo: string };
    expect(new URL(redirectTo).searchParams.get('code')).toBeTruthy();
    expect(response.headers.get('set-cookie')).toContain(`${REQUEST_COOKIE_PREFIX}${browser.requestId}=;`);
  });

  it('refuses unknown actions, foreign origins, bad bodies and requests of another browser', async () => {
    const requestId = randomUUID();
    expect((await post('reset-everything', { requestId })).status).toBe(404);
    const foreign = await post('leave', { requestId }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const invalid = await post('revoke-session', { requestId, kind: 'nope', sessionId: 'x' });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: string }).error).toBe('invalid_input');
    const unbound = await post('leave', { requestId });
    expect(((await unbound.json()) as { error: string }).error).toBe('request_not_found');
  });
});
