// /admin/logs (root only): tabs in the URL; email and SMS logs are off by default and say which
// flag turns them on; the sign-in tab shows its empty state and "delete older than" a day after
// today is confirmed and answered by the API. A non-root admin never sees the section and
// its forced read and delete get 403; a plain user gets "no access". axe (light and dark) on
// every state.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { adminPage, apiFromPage, checkA11y, createAdminWithScopes, createPlainUser, createSuperAdmin } from './support/admin-ui';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';

test.describe.configure({ timeout: 240_000 });
const expect = baseExpect.configure({ timeout: 10_000 });

let fixtures: E2eFixtures;
let superAdmin: E2eUser;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  fixtures = loadFixtures();
  superAdmin = await createSuperAdmin(fixtures, 'logs-super');
});

const toast = (page: Page) => page.getByTestId('toasts-status');

test('a super_admin reads the logs by tab and deletes old sign-in logs', async ({ browser }, testInfo) => {
  const { context, page } = await adminPage(browser, superAdmin, '/admin/logs');
  await expect(page.getByRole('heading', { level: 1, name: 'Logs' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Email logs' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('empty-state')).toContainText('ENABLE_EMAIL_LOG=true');
  await checkA11y(page, 'admin-logs-email-off', testInfo);

  // arrow keys move between tabs, and the tab is in the URL
  await page.getByRole('tab', { name: 'Email logs' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/[?&]tab=sms\b/);
  await expect(page.getByTestId('empty-state')).toContainText('ENABLE_SMS_LOG=true');
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/[?&]tab=sign-in\b/);

  // password sign-ins are not in the sign-in log (only MFA factors and passkeys), so a fresh
  // server's log is empty
  await expect(page.getByTestId('empty-state')).toContainText('No logs yet.');
  await checkA11y(page, 'admin-logs-sign-in-empty', testInfo);

  // a reload keeps the tab (bookmarkable)
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Sign-in logs' })).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('button', { name: 'Delete older than…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete old sign-in logs' });
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await confirm.getByLabel('Delete logs older than').fill(tomorrow);
  await checkA11y(page, 'admin-logs-delete', testInfo);
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(toast(page)).toContainText(`Logs older than ${tomorrow} deleted.`);
  await expect(confirm).toHaveCount(0);
  const listed = await apiFromPage(page, '/api/v1/logs/sign-in');
  expect(listed).toMatchObject({ status: 200, body: { count: 0, logs: [] } });
  await context.close();
});

test('an admin without root does not see the logs and the API refuses its calls; a plain user gets "no access"', async ({ browser }, testInfo) => {
  const reader = await createAdminWithScopes(fixtures, 'logs-reader', ['read_user']);
  const other = await adminPage(browser, reader, '/admin/logs');
  await expect(other.page.getByTestId('admin-section-denied')).toBeVisible();
  await expect(other.page.getByRole('navigation', { name: 'Dashboard sections' }).getByRole('link', { name: 'Logs' })).toHaveCount(0);
  await checkA11y(other.page, 'admin-logs-section-denied', testInfo);
  expect(await apiFromPage(other.page, '/api/v1/logs/sign-in')).toMatchObject({ status: 403, body: { error: 'insufficient_scope' } });
  expect((await apiFromPage(other.page, '/api/v1/logs/sign-in?before=2999-01-01T00:00:00Z', { method: 'DELETE' })).status).toBe(403);
  await other.context.close();

  const plain = await createPlainUser(fixtures, 'logs-plain');
  const { context, page } = await adminPage(browser, plain, '/admin/logs');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('No access');
  await checkA11y(page, 'admin-logs-no-access', testInfo);
  await context.close();
});
