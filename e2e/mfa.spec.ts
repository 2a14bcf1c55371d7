// MFA in the hosted sign-in (lib/mfa), on a server of its own: the system asks every user without
// a factor to enroll one (ENFORCE_ONE_MFA_ENROLLMENT=otp,email), devices can be remembered, and an
// emailed code may replace TOTP. Apps with their own MFA configuration (set with SQL, as the S2S
// API's PUT /apps would) require TOTP, SMS or email, or nothing — overriding the system's rule.
// Codes come from otplib (TOTP) and the dev outbox (email, SMS).
import { expect as baseExpect, test, type Page, type TestInfo } from '@playwright/test';
import { generate } from 'otplib';
import { scanAccessibility, screenshot } from './support/evidence';
import { authorizationRequest, codeIn, finishAtCallback, interceptCallback, sql, startOwnServer, waitForEmail, type RelyingParty } from './support/hosted';
import { cli } from './support/server';
import { createUser } from './support/users';

test.use({ locale: 'en-US' });
test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

type Server = RelyingParty & { stop: () => Promise<void> };

/** Another SPA client on the same server, with its own MFA configuration. */
async function appWith(server: Server, name: string, mfa: { requireOtpMfa?: boolean; requireSmsMfa?: boolean; requireEmailMfa?: boolean; allowEmailMfaAsBackup?: boolean }): Promise<RelyingParty> {
  const app = await cli(server.cliEnv, ['app', 'create', '--name', `E2E MFA ${name}`, '--type', 'spa', '--redirect-uri', server.redirectUri]);
  await sql(
    server.cliEnv,
    'UPDATE apps SET "useSystemMfaConfig" = false, "requireOtpMfa" = $2, "requireSmsMfa" = $3, "requireEmailMfa" = $4, "allowEmailMfaAsBackup" = $5 WHERE "clientId" = $1',
    [String(app.clientId), mfa.requireOtpMfa ?? false, mfa.requireSmsMfa ?? false, mfa.requireEmailMfa ?? false, mfa.allowEmailMfaAsBackup ?? false],
  );
  return { ...server, clientId: String(app.clientId) };
}

async function noAxeViolations(page: Page, name: string, testInfo: TestInfo) {
  expect(await scanAccessibility(page, name, testInfo), `axe on ${name}`).toEqual([]);
  await screenshot(page, name, testInfo);
}

async function signIn(page: Page, user: { email: string; password: string }) {
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel('Email').fill(user.email);
  await form.getByLabel('Password').fill(user.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

async function smsCodeTo(baseURL: string, phone: string, since: number): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const messages = (await (await fetch(`${baseURL}/dev/outbox.json?to=${encodeURIComponent(phone)}&channel=sms`)).json()) as Array<{ text: string; createdAt: string }>;
    const fresh = messages.find((message) => Date.parse(message.createdAt) >= since);
    const code = fresh ? /(?<!\d)(\d{6})(?!\d)/.exec(fresh.text)?.[1] : undefined;
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no SMS to ${phone}`);
}

test.describe.serial('MFA (own server)', () => {
  let server: Server;
  let otpApp: RelyingParty;
  test.beforeAll(async () => {
    test.setTimeout(240_000); // a server of its own: first start of its database, migrations, seed
    // No consent screen: the MFA pages come right after the password.
    server = await startOwnServer('mfa', {
      ENFORCE_ONE_MFA_ENROLLMENT: 'otp,email',
      ENABLE_MFA_REMEMBER_DEVICE: 'true',
      ALLOW_EMAIL_MFA_AS_BACKUP: 'true',
      ENABLE_USER_APP_CONSENT: 'false',
    });
    otpApp = await appWith(server, 'otp', { requireOtpMfa: true, allowEmailMfaAsBackup: true });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('required TOTP: set up from the key, wrong and replayed codes refused, asked next time, remembered device until it expires, email fallback', async ({ browser }, testInfo) => {
    const user = await createUser(server.cliEnv, 'totp');
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await interceptCallback(context, otpApp);

    let pending = authorizationRequest(otpApp);
    await page.goto(pending.url);
    await signIn(page, user);
    await expect(page).toHaveURL(/\/identity\/v1\/otp-setup\?/);
    await expect(page.getByRole('heading', { level: 1, name: 'Set up your authenticator app' })).toBeVisible();
    await expect(page.getByRole('img', { name: /QR code to add/ })).toBeVisible();
    await noAxeViolations(page, 'mfa-otp-setup', testInfo);
    const secret = (await page.getByTestId('otp-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    const setupForm = page.getByTestId('otp-form');
    await setupForm.getByLabel('Verification code').fill('000000');
    await setupForm.getByRole('button', { name: 'Verify and continue' }).click();
    await expect(setupForm.getByText('The code is incorrect or has expired.')).toBeVisible();
    await expect(setupForm.getByLabel('Verification code')).toBeFocused();
    const used = await generate({ secret });
    await setupForm.getByLabel('Verification code').fill(used);
    await setupForm.getByRole('button', { name: 'Verify and continue' }).click();
    expect((await finishAtCallback(page, otpApp, pending)).amr).toEqual(expect.arrayContaining(['pwd', 'totp', 'mfa']));

    // A fresh sign-in (prompt=login) asks for the app's code; the used code is refused.
    pending = authorizationRequest(otpApp, { prompt: 'login' });
    await page.goto(pending.url);
    await signIn(page, user);
    await expect(page).toHaveURL(/\/identity\/v1\/otp-mfa\?/);
    await expect(page.getByRole('heading', { level: 1, name: 'Enter your authenticator code' })).toBeVisible();
    await noAxeViolations(page, 'mfa-otp', testInfo);
    const form = page.getByTestId('otp-form');
    await form.getByLabel('Verification code').fill(used);
    await form.getByRole('button', { name: 'Verify' }).click();
    await expect(form.getByText('The code is incorrect or has expired.')).toBeVisible();
    // The next time step's code is within the ±1 window and newer than the used one.
    await form.getByLabel('Verification code').fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await form.getByLabel('Remember this device for 30 days').check();
    await form.getByRole('button', { name: 'Verify' }).click();
    await finishAtCallback(page, otpApp, pending);
    const remembered = (await context.cookies()).find((cookie) => cookie.name === 'tessera_mfa_otp');
    expect(remembered).toMatchObject({ httpOnly: true, path: '/identity/v1' });

    // Remembered: the next fresh sign-in skips the code.
    pending = authorizationRequest(otpApp, { prompt: 'login' });
    await page.goto(pending.url);
    await signIn(page, user);
    await finishAtCallback(page, otpApp, pending);

    // Expired (the row's expiry moved into the past): asked again; an emailed code replaces it.
    await sql(server.cliEnv, `UPDATE remembered_devices SET "expiresAt" = now() - interval '1 minute' WHERE "userId" = $1`, [user.authId]);
    pending = authorizationRequest(otpApp, { prompt: 'login' });
    await page.goto(pending.url);
    await signIn(page, user);
    await expect(page).toHaveURL(/\/identity\/v1\/otp-mfa\?/);
    await page.getByRole('link', { name: 'Send a code by email instead' }).click();
    await expect(page).toHaveURL(/\/identity\/v1\/email-mfa\?.*fallback=1/);
    await expect(page.getByText(/Confirm it is you with a code sent to e\*\*\*@example\.com instead\./)).toBeVisible();
    await noAxeViolations(page, 'mfa-email-fallback', testInfo);
    const since = Date.now();
    const emailForm = page.getByTestId('email-mfa-form');
    await emailForm.getByRole('button', { name: 'Email me a code' }).click();
    const code = codeIn(await waitForEmail(server.baseURL, user.email, since - 500));
    await emailForm.getByLabel('Verification code').fill(code);
    await emailForm.getByRole('button', { name: 'Verify' }).click();
    expect((await finishAtCallback(page, otpApp, pending)).amr).toEqual(expect.arrayContaining(['email', 'mfa']));
    await context.close();
  });

  test('issue 12 item 3: after 5 wrong TOTP codes the sixth ends the sign-in on a page that says why', async ({ page, context }, testInfo) => {
    const user = await createUser(server.cliEnv, 'totp-guess');
    await interceptCallback(context, otpApp);
    await page.goto(authorizationRequest(otpApp).url);
    await signIn(page, user);
    await expect(page).toHaveURL(/\/identity\/v1\/otp-setup\?/);
    const secret = (await page.getByTestId('otp-secret').textContent())!.trim();
    const valid = await Promise.all([-30, 0, 30].map((offset) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offset })));
    const wrong = ['111111', '222222', '333333', '444444', '555555', '666666', '777777'].filter((code) => !valid.includes(code));
    const form = page.getByTestId('otp-form');
    for (const code of wrong.slice(0, 5)) {
      await form.getByLabel('Verification code').fill(code);
      const answered = page.waitForResponse((response) => response.url().endsWith('/identity/v1/process-otp-mfa'));
      await form.getByRole('button', { name: 'Verify and continue' }).click();
      expect((await answered).status()).toBe(400);
      await expect(form.getByText('The code is incorrect or has expired.')).toBeVisible();
      await expect(form.getByLabel('Verification code')).toBeFocused();
    }
    // The sixth attempt, even with the right code, ends the request.
    await form.getByLabel('Verification code').fill(await generate({ secret }));
    await form.getByRole('button', { name: 'Verify and continue' }).click();
    await expect(page).toHaveURL(/\/identity\/v1\/auth-code-expired\?request=/);
    await expect(page.getByRole('heading', { level: 1, name: 'Too many wrong codes' })).toBeVisible();
    await expect(page.getByTestId('too-many-attempts')).toContainText('this sign-in has ended');
    await noAxeViolations(page, 'mfa-too-many-attempts', testInfo);
    // Going back to the step page lands there too.
    await page.goBack();
    await page.reload();
    await expect(page).toHaveURL(/\/identity\/v1\/auth-code-expired/);
  });

  test('issue 12 item 4: a second sign-in reaching TOTP setup is shown another key, and the first one stops working', async ({ browser }) => {
    const user = await createUser(server.cliEnv, 'totp-two');
    const keyShownTo = async () => {
      const context = await browser.newContext({ locale: 'en-US' });
      const page = await context.newPage();
      await interceptCallback(context, otpApp);
      await page.goto(authorizationRequest(otpApp).url);
      await signIn(page, user);
      await expect(page).toHaveURL(/\/identity\/v1\/otp-setup\?/);
      return { context, page, secret: (await page.getByTestId('otp-secret').textContent())!.trim() };
    };
    const first = await keyShownTo();
    const second = await keyShownTo();
    expect(second.secret).not.toBe(first.secret);
    const form = first.page.getByTestId('otp-form');
    await form.getByLabel('Verification code').fill(await generate({ secret: first.secret }));
    await form.getByRole('button', { name: 'Verify and continue' }).click();
    await expect(form.getByText('The code is incorrect or has expired.')).toBeVisible();
    await first.context.close();
    await second.context.close();
  });

  test('required SMS: the number, then the texted code (dev outbox), keyboard only', async ({ page, context }, testInfo) => {
    const smsApp = await appWith(server, 'sms', { requireSmsMfa: true });
    const user = await createUser(server.cliEnv, 'sms');
    await interceptCallback(context, smsApp);
    const pending = authorizationRequest(smsApp);
    await page.goto(pending.url);
    await signIn(page, user);
    await expect(page).toHaveURL(/\/identity\/v1\/sms-mfa\?/);
    await noAxeViolations(page, 'mfa-sms-number', testInfo);
    const phoneForm = page.getByTestId('sms-phone-form');
    await phoneForm.getByLabel('Mobile number').fill('555 1234');
    await phoneForm.getByLabel('Mobile number').press('Enter');
    await expect(phoneForm.getByText('Enter the number in international format: + then 8 to 15 digits.')).toBeVisible();
    const phone = `+1555${String(Date.now()).slice(-7)}`;
    const since = Date.now();
    await phoneForm.getByLabel('Mobile number').fill(phone);
    await phoneForm.getByLabel('Mobile number').press('Enter');
    await expect(page.getByText(`We texted a code to +${'*'.repeat(phone.length - 5)}${phone.slice(-4)}.`)).toBeVisible();
    await noAxeViolations(page, 'mfa-sms-code', testInfo);
    const codeField = page.getByTestId('sms-mfa-form').getByLabel('Verification code');
    await codeField.fill(await smsCodeTo(server.baseURL, phone, since - 500));
    await codeField.press('Enter');
    expect((await finishAtCallback(page, smsApp, pending)).amr).toEqual(expect.arrayContaining(['sms', 'mfa']));
  });

  test('required email MFA through the dev outbox', async ({ page, context }, testInfo) => {
    const emailApp = await appWith(server, 'email', { requireEmailMfa: true });
    const user = await createUser(server.cliEnv, 'email-mfa');
    await interceptCallback(context, emailApp);
    const pending = authorizationRequest(emailApp);
    await page.goto(pending.url);
    await signIn(page, user);
    await expect(page).toHaveURL(/\/identity\/v1\/email-mfa\?/);
    await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
    await noAxeViolations(page, 'mfa-email', testInfo);
    const form = page.getByTestId('email-mfa-form');
    const since = Date.now();
    await form.getByRole('button', { name: 'Email me a code' }).click();
    await form.getByLabel('Verification code').fill(codeIn(await waitForEmail(server.baseURL, user.email, since - 500)));
    await form.getByRole('button', { name: 'Verify' }).click();
    expect((await finishAtCallback(page, emailApp, pending)).amr).toEqual(expect.arrayContaining(['email', 'mfa']));
  });

  test('reset_mfa: after the factor, the policy page removes it; the next sign-in sets it up again', async ({ page, context }, testInfo) => {
    const user = await createUser(server.cliEnv, 'reset');
    await interceptCallback(context, otpApp);
    let pending = authorizationRequest(otpApp, { policy: 'reset_mfa' });
    await page.goto(pending.url);
    await signIn(page, user);
    await expect(page).toHaveURL(/\/identity\/v1\/otp-setup\?/);
    const secret = (await page.getByTestId('otp-secret').textContent())!.trim();
    const form = page.getByTestId('otp-form');
    // Enabled once hydrated: a value typed before would be lost.
    await expect(form.getByRole('button', { name: 'Verify and continue' })).toBeEnabled();
    await form.getByLabel('Verification code').fill(await generate({ secret }));
    await form.getByRole('button', { name: 'Verify and continue' }).click();
    await expect(page).toHaveURL(/\/identity\/v1\/reset-mfa\?/);
    await expect(page.getByRole('heading', { level: 1, name: 'Reset two-step verification' })).toBeVisible();
    await noAxeViolations(page, 'mfa-reset', testInfo);
    await page.getByRole('button', { name: 'Reset' }).click();
    await finishAtCallback(page, otpApp, pending);

    pending = authorizationRequest(otpApp, { prompt: 'login' });
    await page.goto(pending.url);
    await signIn(page, user);
    await expect(page).toHaveURL(/\/identity\/v1\/otp-setup\?/);
    expect((await page.getByTestId('otp-secret').textContent())!.trim()).not.toBe(secret);
  });

  test("enforcement prompt with the allowed factors; an app's own configuration overrides it", async ({ page, context }, testInfo) => {
    const user = await createUser(server.cliEnv, 'enroll');
    const noMfaApp = await appWith(server, 'none', {});
    await interceptCallback(context, server);

    // The app without MFA: no prompt although the system's rule asks for one.
    let pending = authorizationRequest(noMfaApp);
    await page.goto(pending.url);
    await signIn(page, user);
    expect((await finishAtCallback(page, noMfaApp, pending)).amr).toEqual(['pwd']);

    pending = authorizationRequest(server, { prompt: 'login' });
    await page.goto(pending.url);
    await signIn(page, user);
    await expect(page).toHaveURL(/\/identity\/v1\/mfa-enroll\?/);
    await expect(page.getByRole('heading', { level: 1, name: 'Add a second sign-in step' })).toBeVisible();
    const choices = page.getByTestId('mfa-enroll-form').getByRole('radio');
    await expect(choices).toHaveCount(2);
    await noAxeViolations(page, 'mfa-enroll', testInfo);
    // Keyboard: the radio group, then Continue.
    await page.getByRole('radio', { name: /Authenticator app/ }).focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: /Email/ })).toBeChecked();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/identity\/v1\/email-mfa\?/);
    const since = Date.now();
    const form = page.getByTestId('email-mfa-form');
    await form.getByRole('button', { name: 'Email me a code' }).click();
    await form.getByLabel('Verification code').fill(codeIn(await waitForEmail(server.baseURL, user.email, since - 500)));
    await form.getByRole('button', { name: 'Verify' }).click();
    await finishAtCallback(page, server, pending);
  });
});
