// /admin/account: the admin's own profile, and account changes through the hosted policy pages —
// "Edit your profile" signs in to the dashboard again with policy=update_info, the hosted page
// saves the name, and the browser comes back to /admin/account with a fresh session showing it.
import { expect as baseExpect, test } from '@playwright/test';
import { adminPage, checkA11y, createSuperAdmin } from './support/admin-ui';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';

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
