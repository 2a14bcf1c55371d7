// "Forgot password?" in the browser: a locked-out account resets its password with the emailed
// code, is unlocked (UNLOCK_ACCOUNT_VIA_PASSWORD_RESET) and signs in on the same request; an
// unknown address gets the same pages and no email.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { scanAccessibility, screenshot } from './support/evidence';
import { loadFixtures } from './support/fixtures';
import { authorizationRequest, codeIn, emailCount, finishAtCallback, interceptCallback, newAddress, STRONG_PASSWORD, waitForEmail, type RelyingParty } from './support/hosted';
import { createTestUser } from './support/users';

test.use({ locale: 'en-US' });
test.describe.configure({ timeout: 90_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

const fixtures = loadFixtures();
const rp: RelyingParty = { baseURL: fixtures.baseURL, clientId: fixtures.clientId, redirectUri: fixtures.redirectUri, cliEnv: fixtures.cliEnv };

async function trySignIn(page: Page, email: string, password: string) {
  const form = page.getByTestId('sign-in-form');
  const submit = form.getByRole('button', { name: 'Sign in', exact: true });
  await expect(submit).toBeEnabled();
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill(password);
  await submit.click();
}

test('a locked-out user resets the password, is unlocked and signs in on the same request', async ({ page, context }, testInfo) => {
  const user = await createTestUser(fixtures, 'reset', 'Reset');
  await interceptCallback(context, rp);
  const pending = authorizationRequest(rp);
  await page.goto(pending.url);
  await expect(page).toHaveURL(/\/identity\/v1\/sign-in\?/);

  // ACCOUNT_LOCKOUT_THRESHOLD (5) wrong passwords lock the account, even against the right one.
  const alert = page.getByTestId('sign-in-form').getByRole('alert');
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await trySignIn(page, user.email, `Wrong-${attempt}-password!`);
    await expect(alert).toContainText('The email or password is incorrect.');
  }
  await trySignIn(page, user.email, user.password);
  await expect(alert).toContainText('Too many failed sign-in attempts');

  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page).toHaveURL(/\/identity\/v1\/forgot-password\?request=/);
  await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
  await scanAccessibility(page, 'forgot-password', testInfo);
  await screenshot(page, 'forgot-password', testInfo);

  const since = Date.now();
  const emailForm = page.getByTestId('reset-email-form');
  await expect(emailForm.getByRole('button', { name: 'Email me a code' })).toBeEnabled();
  await emailForm.getByLabel('Email').fill(user.email);
  await emailForm.getByRole('button', { name: 'Email me a code' }).click();

  const codeForm = page.getByTestId('reset-code-form');
  await expect(codeForm.getByText(`If an account uses ${user.email}, we emailed it a 6-digit code.`)).toBeFocused();
  await scanAccessibility(page, 'forgot-password-code', testInfo);
  await screenshot(page, 'forgot-password-code', testInfo);
  const code = codeIn(await waitForEmail(rp.baseURL, user.email, since - 1000));

  // The current password is refused, the rule is enforced, then the new one is set.
  await codeForm.getByLabel('Code').fill(code);
  await codeForm.getByLabel('New password').fill(user.password);
  await codeForm.getByRole('button', { name: 'Reset password' }).click();
  await expect(codeForm.getByText('Choose a password that differs from your current one.')).toBeVisible();
  await expect(codeForm.getByLabel('New password')).toBeFocused();

  const newPassword = STRONG_PASSWORD();
  await codeForm.getByLabel('New password').fill(newPassword);
  await codeForm.getByRole('button', { name: 'Reset password' }).click();

  await expect(page).toHaveURL(/\/identity\/v1\/sign-in\?.*notice=password_reset/);
  await expect(page.getByRole('status').filter({ hasText: 'Your password was changed.' })).toBeVisible();
  await screenshot(page, 'sign-in-after-reset', testInfo);
  await trySignIn(page, user.email, newPassword);
  const claims = await finishAtCallback(page, rp, pending);
  expect(claims).toMatchObject({ sub: user.authId, email: user.email });
});

test('an unknown address sees the same pages and gets no email', async ({ page }) => {
  const pending = authorizationRequest(rp);
  await page.goto(pending.url);
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  const unknown = newAddress('unknown');
  const emailForm = page.getByTestId('reset-email-form');
  await expect(emailForm.getByRole('button', { name: 'Email me a code' })).toBeEnabled();
  await emailForm.getByLabel('Email').fill(unknown);
  await emailForm.getByRole('button', { name: 'Email me a code' }).click();
  const codeForm = page.getByTestId('reset-code-form');
  await expect(codeForm.getByText(`If an account uses ${unknown}, we emailed it a 6-digit code.`)).toBeVisible();

  await codeForm.getByLabel('Code').fill('123456');
  await codeForm.getByLabel('New password').fill(STRONG_PASSWORD());
  await codeForm.getByRole('button', { name: 'Reset password' }).click();
  await expect(codeForm.getByText('The code is incorrect or has expired.')).toBeVisible();
  await expect(codeForm.getByLabel('Code')).toHaveAttribute('aria-invalid', 'true');
  await page.waitForTimeout(1000);
  expect(await emailCount(rp.baseURL, unknown)).toBe(0);
});
