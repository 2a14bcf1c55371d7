// /admin/account: the admin's own profile, and account changes through the hosted policy pages —
// "Edit your profile" signs in to the dashboard again with policy=update_info, the hosted page
// saves the name, and the browser comes back to /admin/account with a fresh session showing it.
// Passkeys and the recovery code are offered only where the deployment turns them on.
import { expect as baseExpect, test } from '@playwright/test';
import { adminPage, checkA11y, createSuperAdmin } from './support/admin-ui';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';
import { startOwnServer } from './support/hosted';

test.describe.configure({ timeout: 90_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

let fixtures: E2eFixtures;
let superAdmin: E2eUser;

test.beforeAll(async () => {
  test.setTimeout(180_000); // CLI and API calls are slow on a loaded machine
  fixtures = loadFixtures();
  superAdmin = await createSuperAdmin(fixtures, 'account-super');
});

test('an admin edits their own profile through the hosted update_info page and comes back to the account page', async ({ browser }, testInfo) => {
  const { context, page } = await adminPage(browser, superAdmin, '/admin/account');
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await expect(page.getByTestId('account-email')).toHaveText(superAdmin.email);
  await expect(page.getByTestId('account-name')).toHaveText('Super');
  const policies = page.getByTestId('account-policies');
  for (const label of ['Edit your profile', 'Change your password', 'Change your email', 'Manage your sessions']) {
    await expect(policies.getByRole('link', { name: label })).toBeVisible();
  }
  // off by default (ALLOW_PASSKEY_ENROLLMENT, ENABLE_RECOVERY_CODE): not offered
  await expect(policies.getByRole('link', { name: 'Manage your passkeys' })).toHaveCount(0);
  await expect(policies.getByRole('link', { name: 'Get a new recovery code' })).toHaveCount(0);
  await checkA11y(page, 'admin-account', testInfo);

  const before = (await context.cookies()).find((cookie) => cookie.name.endsWith('tessera_admin'))?.value;
  await policies.getByRole('link', { name: 'Edit your profile' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/identity/v1/update-info');
  await page.getByLabel('First name').fill('Grace');
  await page.getByLabel('Last name').fill('Hopper');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/admin/account');
  await expect(page.getByTestId('account-name')).toHaveText('Grace Hopper');
  await expect(page.getByTestId('admin-user')).toContainText('Grace Hopper');
  const after = (await context.cookies()).find((cookie) => cookie.name.endsWith('tessera_admin'))?.value;
  expect(after).toBeTruthy();
  expect(after).not.toBe(before); // a fresh admin session from the policy's sign-in
  await context.close();
});

test('with passkeys and recovery codes on, an admin manages both from the account page through the hosted policies', async ({ browser }, testInfo) => {
  test.setTimeout(240_000); // a server of its own
  const server = await startOwnServer('admin-account-factors', { ALLOW_PASSKEY_ENROLLMENT: 'true', ENABLE_RECOVERY_CODE: 'true' });
  const context = await browser.newContext({ baseURL: server.baseURL, locale: 'en-US' });
  try {
    const admin = await createSuperAdmin({ ...loadFixtures(), baseURL: server.baseURL, cliEnv: server.cliEnv }, 'account-factors');
    const page = await context.newPage();
    await page.goto('/admin/account');
    const form = page.getByTestId('sign-in-form');
    await expect(form.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    await form.getByLabel('Email').fill(admin.email);
    await form.getByLabel('Password').fill(admin.password);
    await form.getByRole('button', { name: 'Sign in' }).click();
    // the hosted sign-in's own enrollment steps come first, as for any user
    await expect(page).toHaveURL((url) => url.pathname === '/identity/v1/passkey-enroll');
    await expect(page.getByRole('button', { name: 'Not now' })).toBeEnabled();
    await page.getByRole('button', { name: 'Not now' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/identity/v1/recovery-code-enroll');
    const first = (await page.getByTestId('recovery-code').textContent())!.trim();
    await page.getByRole('button', { name: 'I have saved it' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/admin/account');

    const policies = page.getByTestId('account-policies');
    await expect(policies.getByRole('link', { name: 'Manage your passkeys' })).toBeVisible();
    await expect(policies.getByRole('link', { name: 'Get a new recovery code' })).toBeVisible();
    await checkA11y(page, 'admin-account-factors', testInfo);

    // sensitive changes need a sign-in made for them, never the SSO session (issue 12 item 7)
    const signInAgain = async (target: string) => {
      await expect(page).toHaveURL((url) => url.pathname === '/identity/v1/sign-in');
      const again = page.getByTestId('sign-in-form');
      if (await again.getByLabel('Email').isEditable()) await again.getByLabel('Email').fill(admin.email);
      await again.getByLabel('Password').fill(admin.password);
      await again.getByRole('button', { name: 'Sign in' }).click();
      await expect(page).toHaveURL((url) => url.pathname === target || url.pathname === '/identity/v1/passkey-enroll');
      if (new URL(page.url()).pathname === '/identity/v1/passkey-enroll') await page.getByRole('button', { name: 'Not now' }).click();
      await expect(page).toHaveURL((url) => url.pathname === target);
    };
    await policies.getByRole('link', { name: 'Get a new recovery code' }).click();
    await signInAgain('/identity/v1/manage-recovery-code');
    await page.getByRole('button', { name: 'Generate a new code' }).click();
    await expect(page.getByTestId('recovery-code')).toBeVisible();
    expect((await page.getByTestId('recovery-code').textContent())!.trim()).not.toBe(first);
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/admin/account');

    await page.getByTestId('account-policies').getByRole('link', { name: 'Manage your passkeys' }).click();
    await signInAgain('/identity/v1/manage-passkey');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  } finally {
    await context.close();
    await server.stop();
  }
});
