// Passkeys and recovery codes against a server of the spec's own (ALLOW_PASSKEY_ENROLLMENT and
// ENABLE_RECOVERY_CODE), at http://localhost:PORT (a secure context for WebAuthn), with Chromium's
// virtual authenticator (CDP WebAuthn domain: CTAP2, internal, resident keys, user verification):
//  - enrollment after sign-in (passkey, then the recovery code shown once), no code before;
//  - passkey sign-in with the button and through the email field's autofill (conditional mediation);
//  - "don't ask again";
//  - manage_passkey: a second passkey on another authenticator, renaming it by keyboard, deleting one;
//  - recovery-code sign-in (the next code shown once, the used one refused) and manage_recovery_code.
// axe (no violations) and a screenshot on every new page.
import { expect as baseExpect, test, type CDPSession, type Page, type TestInfo } from '@playwright/test';
import { scanAccessibility, screenshot } from './support/evidence';
import { authorizationRequest, finishAtCallback, interceptCallback, startOwnServer, type RelyingParty } from './support/hosted';
import { createUser } from './support/users';
import type { E2eUser } from './support/fixtures';

test.use({ locale: 'en-US' });
test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

async function checkPage(page: Page, name: string, testInfo: TestInfo) {
  expect(await scanAccessibility(page, name, testInfo), `axe on ${name}`).toEqual([]);
  await screenshot(page, name, testInfo);
}

/** A platform authenticator that holds resident keys and verifies the user without a prompt. */
async function virtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { cdp, authenticatorId };
}

async function signInWithPassword(page: Page, user: E2eUser) {
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel('Email').fill(user.email);
  await form.getByLabel('Password').fill(user.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

async function enrollRecoveryCode(page: Page): Promise<string> {
  await expect(page).toHaveURL(/\/identity\/v1\/recovery-code-enroll\?request=/);
  const code = (await page.getByTestId('recovery-code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){5}$/);
  await page.getByRole('button', { name: 'I have saved it' }).click();
  return code;
}

async function recoverySignIn(page: Page, email: string, code: string) {
  const form = page.getByTestId('recovery-code-sign-in-form');
  await expect(form.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Recovery code').fill(code);
  await form.getByLabel('Recovery code').press('Enter');
}

test.describe.serial('passkeys and recovery codes (own server)', () => {
  let rp: RelyingParty & { stop: () => Promise<void> };
  let passkeyUser: E2eUser;
  let recoveryUser: E2eUser;
  let recoveryCode = '';

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    rp = await startOwnServer('passkeys', { ALLOW_PASSKEY_ENROLLMENT: 'true', ENABLE_RECOVERY_CODE: 'true', ENABLE_USER_APP_CONSENT: 'false' });
    passkeyUser = await createUser(rp.cliEnv, 'passkey');
    recoveryUser = await createUser(rp.cliEnv, 'recovery');
  });
  test.afterAll(async () => {
    await rp?.stop();
  });

  test('enrolls a passkey and a recovery code after sign-in, then signs in with the passkey (button, then autofill)', async ({ page, context }, testInfo) => {
    await interceptCallback(context, rp);
    const { cdp, authenticatorId } = await virtualAuthenticator(page);

    const first = authorizationRequest(rp);
    await page.goto(first.url);
    await expect(page.getByRole('button', { name: 'Sign in with a passkey' })).toBeEnabled();
    await expect(page.getByTestId('sign-in-form').getByLabel('Email')).toHaveAttribute('autocomplete', 'username webauthn');
    await checkPage(page, 'passkeys-sign-in', testInfo);
    await signInWithPassword(page, passkeyUser);

    await expect(page).toHaveURL(/\/identity\/v1\/passkey-enroll\?request=/);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in faster with a passkey' })).toBeVisible();
    await checkPage(page, 'passkey-enroll', testInfo);
    // No code while enrollment is pending: the later step's endpoint refuses, its page sends back.
    const requestId = new URL(page.url()).searchParams.get('request')!;
    const early = await page.evaluate(async (id) => {
      const response = await fetch('/identity/v1/process-recovery-code-enroll', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ requestId: id }) });
      return { status: response.status, body: (await response.json()) as { error?: string } };
    }, requestId);
    expect(early).toEqual({ status: 409, body: expect.objectContaining({ error: 'wrong_step' }) });
    await page.goto(`${rp.baseURL}/identity/v1/recovery-code-enroll?request=${requestId}`);
    await expect(page).toHaveURL(/\/identity\/v1\/passkey-enroll\?request=/);

    await page.getByLabel('Passkey name').fill('Work laptop');
    await page.getByRole('button', { name: 'Create a passkey' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Save your recovery code' })).toBeVisible();
    await checkPage(page, 'recovery-code-enroll', testInfo);
    await enrollRecoveryCode(page);
    expect((await finishAtCallback(page, rp, first)).sub).toBe(passkeyUser.authId);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]!.isResidentCredential).toBe(true);

    // The button: no password, no further steps.
    const second = authorizationRequest(rp, { prompt: 'login' });
    await page.goto(second.url);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    expect((await finishAtCallback(page, rp, second)).sub).toBe(passkeyUser.authId);

    // Autofill: the page's conditional request is answered once the email field is used (the
    // virtual authenticator picks its only credential, as a user would in the suggestions).
    const third = authorizationRequest(rp, { prompt: 'login' });
    await page.goto(third.url);
    await page.getByTestId('sign-in-form').getByLabel('Email').focus();
    expect((await finishAtCallback(page, rp, third)).sub).toBe(passkeyUser.authId);
    const [used] = (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
    expect(used!.signCount).toBeGreaterThanOrEqual(2);
  });

  test('"Don\'t ask me again" skips the passkey step from then on', async ({ page, context }) => {
    await interceptCallback(context, rp);
    await virtualAuthenticator(page);
    const first = authorizationRequest(rp);
    await page.goto(first.url);
    await signInWithPassword(page, recoveryUser);
    await expect(page).toHaveURL(/\/identity\/v1\/passkey-enroll\?request=/);
    // Keyboard only: tick the box, then "Not now". The buttons are enabled once the page is
    // hydrated; acting before that raced React (the tick was lost and Tab skipped the still
    // disabled button).
    await expect(page.getByRole('button', { name: 'Not now' })).toBeEnabled();
    await page.getByLabel("Don’t ask me again").focus();
    await page.keyboard.press('Space');
    await expect(page.getByLabel("Don’t ask me again")).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Not now' })).toBeFocused();
    await page.keyboard.press('Enter');
    recoveryCode = await enrollRecoveryCode(page);
    expect((await finishAtCallback(page, rp, first)).sub).toBe(recoveryUser.authId);

    const again = authorizationRequest(rp, { prompt: 'login' });
    await page.goto(again.url);
    await signInWithPassword(page, recoveryUser);
    expect((await finishAtCallback(page, rp, again)).sub).toBe(recoveryUser.authId);
  });

  test('manage_passkey: lists, adds a passkey from a second authenticator, renames it, deletes the first', async ({ page, context }, testInfo) => {
    await interceptCallback(context, rp);
    const { cdp, authenticatorId } = await virtualAuthenticator(page);
    // The first test's authenticator went with its page: password sign-in (the account has its
    // passkey and recovery code, so no enrollment step comes first).
    const pending = authorizationRequest(rp, { policy: 'manage_passkey', prompt: 'login' });
    await page.goto(pending.url);
    await signInWithPassword(page, passkeyUser);
    await expect(page).toHaveURL(/\/identity\/v1\/manage-passkey\?request=/);
    const list = page.getByTestId('passkeys');
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list.getByText('Work laptop')).toBeVisible();
    await checkPage(page, 'manage-passkey', testInfo);

    const add = page.getByTestId('passkey-add-form');
    await add.getByLabel('Passkey name').fill('Phone');
    await add.getByRole('button', { name: 'Add a passkey' }).click();
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await expect(list.getByText('Phone')).toBeVisible();
    expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toHaveLength(1);

    // Rename by keyboard: Escape closes the inline form and gives the focus back to Rename; Enter saves.
    const rename = page.getByRole('button', { name: 'Rename the passkey Phone' });
    await rename.focus();
    await page.keyboard.press('Enter');
    const field = page.getByTestId('passkey-rename-form').getByLabel('New name for Phone');
    await expect(field).toBeFocused();
    await expect(field).toHaveValue('Phone');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('passkey-rename-form')).toHaveCount(0);
    await expect(rename).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(field).toBeFocused();
    await page.keyboard.type('Travel phone');
    await checkPage(page, 'manage-passkey-rename', testInfo);
    await page.keyboard.press('Enter');
    await expect(list.getByText('Travel phone', { exact: true })).toBeVisible();
    await expect(list.getByText('Phone', { exact: true })).toHaveCount(0);
    await expect(list.getByRole('listitem')).toHaveCount(2);

    await page.getByRole('button', { name: 'Delete the passkey Work laptop' }).click();
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list.getByText('Work laptop')).toHaveCount(0);
    await checkPage(page, 'manage-passkey-after', testInfo);
    await page.getByRole('button', { name: 'Done' }).click();
    expect((await finishAtCallback(page, rp, pending)).sub).toBe(passkeyUser.authId);

    // The remaining passkey (this authenticator's) signs in.
    const next = authorizationRequest(rp, { prompt: 'login' });
    await page.goto(next.url);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    expect((await finishAtCallback(page, rp, next)).sub).toBe(passkeyUser.authId);
  });

  test('recovery-code sign-in shows the next code once; the used code and a regenerated-away code are refused', async ({ page, context }, testInfo) => {
    await interceptCallback(context, rp);
    const first = authorizationRequest(rp, { prompt: 'login' });
    await page.goto(first.url);
    await page.getByRole('link', { name: 'Use a recovery code' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in with a recovery code' })).toBeVisible();
    await checkPage(page, 'recovery-code-sign-in', testInfo);

    await recoverySignIn(page, recoveryUser.email, 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF');
    await expect(page.getByRole('alert').filter({ hasText: 'The email address or recovery code is incorrect.' })).toBeVisible();
    await recoverySignIn(page, recoveryUser.email, recoveryCode.toLowerCase());
    await expect(page.getByText('Your new recovery code', { exact: true })).toBeVisible();
    const next = (await page.getByTestId('recovery-code').textContent())!.trim();
    expect(next).not.toBe(recoveryCode);
    await checkPage(page, 'recovery-code-next', testInfo);
    await page.getByRole('button', { name: 'Continue' }).click();
    expect((await finishAtCallback(page, rp, first)).sub).toBe(recoveryUser.authId);

    // The used code is refused.
    const replay = authorizationRequest(rp, { prompt: 'login' });
    await page.goto(replay.url);
    await page.getByRole('link', { name: 'Use a recovery code' }).click();
    await recoverySignIn(page, recoveryUser.email, recoveryCode);
    await expect(page.getByRole('alert').filter({ hasText: 'The email address or recovery code is incorrect.' })).toBeVisible();

    // manage_recovery_code: a new code replaces the current one.
    const manage = authorizationRequest(rp, { policy: 'manage_recovery_code', prompt: 'login' });
    await page.goto(manage.url);
    await signInWithPassword(page, recoveryUser);
    await expect(page).toHaveURL(/\/identity\/v1\/manage-recovery-code\?request=/);
    await checkPage(page, 'manage-recovery-code', testInfo);
    await page.getByRole('button', { name: 'Generate a new code' }).click();
    await expect(page.getByTestId('recovery-code')).toBeVisible();
    const regenerated = (await page.getByTestId('recovery-code').textContent())!.trim();
    expect(regenerated).not.toBe(next);
    await checkPage(page, 'manage-recovery-code-generated', testInfo);
    await page.getByRole('button', { name: 'Done' }).click();
    await finishAtCallback(page, rp, manage);

    const old = authorizationRequest(rp, { prompt: 'login' });
    await page.goto(old.url);
    await page.getByRole('link', { name: 'Use a recovery code' }).click();
    await recoverySignIn(page, recoveryUser.email, next);
    await expect(page.getByRole('alert').filter({ hasText: 'The email address or recovery code is incorrect.' })).toBeVisible();
    await recoverySignIn(page, recoveryUser.email, regenerated);
    await page.getByRole('button', { name: 'Continue' }).click();
    expect((await finishAtCallback(page, rp, old)).sub).toBe(recoveryUser.authId);
  });
});
