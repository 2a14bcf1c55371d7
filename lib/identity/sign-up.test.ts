import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { lastCode, lastEmail, lastLink, pathOf, ssoTokenOf, startFlow } from '@/lib/testing/flows';
import { makeUser } from '@/lib/testing/factories';
import { confirmEmailInFlow } from './verify-email-step';
import { getSignUpView, signUp, signUpOffered } from './sign-up';

const STRONG = 'Str0ng-enough!';
const email = () => `signup-${randomUUID()}@example.test`;

beforeEach(() => overrideConfigForTesting({ emailVerificationMode: 'lazy', enableSignUp: true, enableNames: true, namesIsRequired: false }));
afterEach(() => resetConfigForTesting());

describe('sign-up', () => {
  it('creates an unverified local account, signs it in on the request and emails a code with the link', async () => {
    const browser = await startFlow();
    const address = email();
    const outcome = await signUp(browser, { email: ` ${address.toUpperCase()} `, password: STRONG, firstName: 'Ada', lastName: 'Lovelace' });

    const user = await db.user.findFirstOrThrow({ where: { email: address } });
    expect(user).toMatchObject({ authProvider: 'local', emailVerified: false, firstName: 'Ada', lastName: 'Lovelace', isActive: true, passwordAlgorithm: 'argon2id' });
    expect(user.passwordHash).not.toContain(STRONG);
    const request = await db.authorizationRequest.findUniqueOrThrow({ where: { id: browser.requestId } });
    expect(request).toMatchObject({ userId: user.id, amr: ['pwd'] });
    expect(ssoTokenOf(outcome)).toBeTruthy();
    expect(await db.auditEvent.count({ where: { action: 'user.signed_up', targetId: user.id } })).toBe(1);

    // lazy mode: the verify_email step comes next; the email has the code and Melody's link.
    expect(pathOf(outcome)).toBe('/identity/v1/verify-email');
    const link = await lastLink(address, '/identity/v1/verify-email');
    expect(link.searchParams.get('id')).toBe(user.id);
    const done = await confirmEmailInFlow(browser, await lastCode(address));
    expect(new URL(done.location).searchParams.get('code')).toBeTruthy();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerified).toBe(true);
  });

  it('reports every invalid field at once, with stable codes, and creates nothing', async () => {
    overrideConfigForTesting({ namesIsRequired: true });
    const browser = await startFlow();
    const error = await signUp(browser, { email: 'not-an-email', password: 'weakpass' }).catch((caught) => caught);
    expect(error).toMatchObject({ code: 'invalid_input', fields: { email: 'invalid_email', password: 'weak_password', firstName: 'required', lastName: 'required' } });
    await expect(signUp(browser, { email: '', password: STRONG, firstName: 'A', lastName: 'B' })).rejects.toMatchObject({ fields: { email: 'required' } });
    expect((await db.authorizationRequest.findUniqueOrThrow({ where: { id: browser.requestId } })).userId).toBeNull();
  });

  it.each([
    ['Aa1!aaa', 'too short'],
    ['aa1!aaaa', 'no upper-case letter'],
    ['AA1!AAAA', 'no lower-case letter'],
    ['Aa!!aaaa', 'no digit'],
    ['Aa1aaaaa', 'no symbol'],
  ])('refuses the password %s (%s): Melody’s strength rule', async (password) => {
    const browser = await startFlow();
    await expect(signUp(browser, { email: email(), password })).rejects.toMatchObject({ fields: { password: 'weak_password' } });
  });

  it('drops names when ENABLE_NAMES is off', async () => {
    overrideConfigForTesting({ enableNames: false, namesIsRequired: true });
    const browser = await startFlow();
    const address = email();
    await signUp(browser, { email: address, password: STRONG, firstName: 'Ignored' });
    expect(await db.user.findFirstOrThrow({ where: { email: address } })).toMatchObject({ firstName: null, lastName: null });
    expect((await getSignUpView({ ...(await startFlow()), bindingSecret: undefined }).catch((caught) => caught)).code).toBe('request_not_found');
  });

  it('answers email_taken on the email field for an existing address (as Melody), after the other checks', async () => {
    const existing = await makeUser();
    const browser = await startFlow();
    await expect(signUp(browser, { email: existing.email!, password: 'weak' })).rejects.toMatchObject({ fields: { password: 'weak_password' } });
    await expect(signUp(browser, { email: existing.email!.toUpperCase(), password: STRONG })).rejects.toMatchObject({
      code: 'email_taken',
      status: 409,
      fields: { email: 'email_taken' },
    });
    expect((await db.authorizationRequest.findUniqueOrThrow({ where: { id: browser.requestId } })).userId).toBeNull();
  });

  it('is refused when sign-up is off (also under passwordless), and only at the sign-in step', async () => {
    overrideConfigForTesting({ enableSignUp: false });
    const browser = await startFlow();
    await expect(signUp(browser, { email: email(), password: STRONG })).rejects.toMatchObject({ code: 'sign_up_disabled', status: 403 });
    await expect(getSignUpView(browser)).rejects.toMatchObject({ code: 'sign_up_disabled' });
    expect(await signUpOffered('')).toBe(false);

    overrideConfigForTesting({ enableSignUp: true });
    await signUp(browser, { email: email(), password: STRONG });
    await expect(signUp(browser, { email: email(), password: STRONG })).rejects.toMatchObject({ code: 'wrong_step' });
  });

  it('refuses a request from another browser', async () => {
    const browser = await startFlow();
    await expect(signUp({ ...browser, bindingSecret: 'someone-else' }, { email: email(), password: STRONG })).rejects.toMatchObject({ code: 'request_not_found' });
  });

  it('emails a welcome message instead, and asks nothing, with REPLACE_EMAIL_VERIFICATION_WITH_WELCOME_EMAIL', async () => {
    overrideConfigForTesting({ replaceEmailVerificationWithWelcomeEmail: true, emailVerificationMode: 'none' });
    const browser = await startFlow();
    const address = email();
    const outcome = await signUp(browser, { email: address, password: STRONG });
    expect(new URL(outcome.location).searchParams.get('code')).toBeTruthy();
    const message = await lastEmail(address);
    expect(message?.subject).toMatch(/welcome/i);
    expect(await db.oneTimeCode.count({ where: { target: address } })).toBe(0);
  });

  it('mode none still emails a code and link (Melody), without a step; ENABLE_EMAIL_VERIFICATION=false sends nothing', async () => {
    overrideConfigForTesting({ emailVerificationMode: 'none' });
    const address = email();
    const outcome = await signUp(await startFlow(), { email: address, password: STRONG });
    expect(new URL(outcome.location).searchParams.get('code')).toBeTruthy();
    expect(await lastLink(address, '/identity/v1/verify-email')).toBeTruthy();

    overrideConfigForTesting({ enableEmailVerification: false });
    const quiet = email();
    await signUp(await startFlow(), { email: quiet, password: STRONG });
    expect(await lastEmail(quiet)).toBeUndefined();
  });
});

describe('sign-up and orgs', () => {
  async function org(allowPublicRegistration: boolean, onlyUseForBrandingOverride = false) {
    const slug = `org-${randomUUID().slice(0, 8)}`;
    return db.org.create({ data: { name: slug, slug, allowPublicRegistration, onlyUseForBrandingOverride } });
  }

  it('joins a public org and makes it the active one', async () => {
    overrideConfigForTesting({ enableOrg: true });
    const open = await org(true);
    const address = email();
    await signUp(await startFlow({ params: { org: open.slug } }), { email: address, password: STRONG });
    const user = await db.user.findFirstOrThrow({ where: { email: address }, include: { orgs: true } });
    expect(user.activeOrgId).toBe(open.id);
    expect(user.orgs.map((membership) => membership.orgId)).toEqual([open.id]);
  });

  it('refuses sign-up for an org closed to public registration; a branding-only org just brands', async () => {
    overrideConfigForTesting({ enableOrg: true });
    const closed = await org(false);
    const browser = await startFlow({ params: { org: closed.slug } });
    await expect(signUp(browser, { email: email(), password: STRONG })).rejects.toMatchObject({ code: 'registration_closed', status: 403 });
    expect(await signUpOffered(closed.slug)).toBe(false);
    expect((await getSignUpView(browser)).closed).toBe(true);

    const branding = await org(false, true);
    const address = email();
    await signUp(await startFlow({ params: { org: branding.slug } }), { email: address, password: STRONG });
    expect((await db.user.findFirstOrThrow({ where: { email: address } })).activeOrgId).toBeNull();

    // With orgs off, the org parameter means nothing to sign-up.
    overrideConfigForTesting({ enableOrg: false });
    await signUp(await startFlow({ params: { org: closed.slug } }), { email: email(), password: STRONG });
  });
});

describe('sign-up and user attributes', () => {
  async function attribute(data: { required?: boolean; unique?: boolean; regex?: string; inForm?: boolean }) {
    const name = `attr-${randomUUID().slice(0, 8)}`;
    return db.userAttribute.create({
      data: {
        name,
        includeInSignUpForm: data.inForm ?? true,
        requiredInSignUpForm: data.required ?? false,
        unique: data.unique ?? false,
        validationRegex: data.regex ?? '',
        locales: {
          create: [
            { locale: 'en', label: `Label ${name}`, validationMessage: 'Use two letters.' },
            { locale: 'zh-CN', label: `标签 ${name}`, validationMessage: '请输入两个字母。' },
          ],
        },
      },
    });
  }

  it('validates (required, regex with the localized message, uniqueness) and saves the sign-up form attributes', async () => {
    overrideConfigForTesting({ enableUserAttribute: true });
    await db.userAttribute.deleteMany({});
    const required = await attribute({ required: true });
    const coded = await attribute({ regex: '^[A-Z]{2}$' });
    const unique = await attribute({ unique: true });
    const hidden = await attribute({ inForm: false });

    const browser = await startFlow({ params: { locale: 'zh-CN' } });
    const view = await getSignUpView(browser);
    expect(view.attributes.map((entry) => entry.id)).toEqual([required.id, coded.id, unique.id]);
    expect(view.attributes[0]).toMatchObject({ label: `标签 ${required.name}`, required: true });

    const error = await signUp(browser, { email: email(), password: STRONG, attributes: { [coded.id]: 'abc', [hidden.id]: 'x' } }).catch((caught) => caught);
    expect(error.fields).toEqual({
      [`attributes.${required.id}`]: 'required',
      [`attributes.${coded.id}`]: '请输入两个字母。',
      [`attributes.${hidden.id}`]: 'unknown',
    });

    const first = email();
    await signUp(browser, { email: first, password: STRONG, attributes: { [required.id]: ' yes ', [coded.id]: 'AB', [unique.id]: 'one' } });
    const user = await db.user.findFirstOrThrow({ where: { email: first }, include: { attributes: true } });
    expect(Object.fromEntries(user.attributes.map((value) => [value.userAttributeId, value.value]))).toEqual({ [required.id]: 'yes', [coded.id]: 'AB', [unique.id]: 'one' });

    const second = await startFlow();
    await expect(signUp(second, { email: email(), password: STRONG, attributes: { [required.id]: 'yes', [unique.id]: 'one' } })).rejects.toMatchObject({
      fields: { [`attributes.${unique.id}`]: 'taken' },
    });
  });

  it('shows no attributes while ENABLE_USER_ATTRIBUTE is off, and ignores any sent', async () => {
    overrideConfigForTesting({ enableUserAttribute: false });
    const browser = await startFlow();
    expect((await getSignUpView(browser)).attributes).toEqual([]);
    await signUp(browser, { email: email(), password: STRONG, attributes: { [randomUUID()]: 'x' } });
  });
});
