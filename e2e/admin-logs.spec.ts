// /admin/logs (root only): tabs in the URL; email and SMS logs are off by default and say which
// flag turns them on; the sign-in log (on by default) lists a wrong password and the sign-in that
// followed, opens a row in a dialog, filters by account, outcome and method (in the URL), and
// "delete older than" a day after today is confirmed and answered by the API. With
// ENABLE_SIGN_IN_LOG=false the tab and the dashboard's charts say why
// they are empty. A non-root admin never sees the section and its forced read and delete get 403;
// a plain user gets "no access". axe (light and dark) on every state.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { adminPage, apiFromPage, checkA11y, createAdminWithScopes, createPlainUser, createSuperAdmin } from './support/admin-ui';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';
import { startOwnServer } from './support/hosted';

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

/** A refused password on the hosted sign-in page, in a browser of its own. */
async function failPassword(page: Page, email: string, baseURL = '') {
  await page.goto(`${baseURL}/admin`);
  const submit = page.getByRole('button', { name: 'Sign in', exact: true });
  await expect(submit).toBeEnabled({ timeout: 15_000 });
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('Not-the-password-1');
  await submit.click();
  await expect(page.getByText('The email or password is incorrect.')).toBeVisible();
}

test('a super_admin reads the logs by tab, opens a sign-in and deletes old sign-in logs', async ({ browser }, testInfo) => {
  const stranger = await browser.newContext();
  await failPassword(await stranger.newPage(), superAdmin.email);
  await stranger.close();
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

  // newest first: this admin's sign-in, then the wrong password just before it
  const rows = page.getByTestId('data-row').filter({ hasText: superAdmin.email });
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('password');
  await expect(rows.nth(0)).toContainText('Succeeded');
  await expect(rows.nth(1)).toContainText('password · invalid_credentials');
  await expect(rows.nth(1)).toContainText('Failed');
  await checkA11y(page, 'admin-logs-sign-in', testInfo);

  await rows.nth(1).getByRole('button', { name: /^View the log of / }).click();
  const detail = page.getByRole('dialog', { name: 'Sign-in log' });
  await expect(detail.getByTestId('log-detail')).toContainText(superAdmin.email);
  await expect(detail.getByTestId('log-detail')).toContainText('invalid_credentials');
  await checkA11y(page, 'admin-logs-sign-in-detail', testInfo);
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);

  // filters: in the URL, answered by the API, with their own empty state
  const filters = page.getByRole('form', { name: 'Filters' });
  await filters.getByLabel('Account contains').fill(superAdmin.email.toUpperCase());
  await filters.getByLabel('Status').selectOption('failure');
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/[?&]status=failure\b/);
  await expect(page.getByTestId('data-row')).toHaveCount(1);
  await expect(page.getByTestId('data-row')).toContainText('invalid_credentials');
  await checkA11y(page, 'admin-logs-sign-in-filtered', testInfo);
  await filters.getByLabel('Method').selectOption('passkey');
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByTestId('empty-state')).toContainText('No log matches these filters.');
  await page.getByRole('form', { name: 'Filters' }).getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).not.toHaveURL(/[?&](status|method|email)=/);
  await expect(page.getByTestId('data-row').filter({ hasText: superAdmin.email })).toHaveCount(2);

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
  await expect(page.getByTestId('empty-state')).toContainText('No logs yet.');
  await checkA11y(page, 'admin-logs-sign-in-empty', testInfo);
  await context.close();
});

test('the dashboard charts count sign-ins and failed sign-ins from the sign-in log', async ({ browser }) => {
  const admin = await createSuperAdmin(fixtures, 'logs-charts');
  const stranger = await browser.newContext();
  await failPassword(await stranger.newPage(), admin.email);
  await stranger.close();
  const { context, page } = await adminPage(browser, admin, '/admin');
  await expect(page.getByTestId('stats-total-signIns')).toHaveText(/^[1-9][\d,]*$/);
  await expect(page.getByTestId('stats-total-failedSignIns')).toHaveText(/^[1-9][\d,]*$/);
  await expect(page.getByTestId('stats-sign-in-log-off')).toHaveCount(0);
  await context.close();
});

test('with ENABLE_SIGN_IN_LOG=false nothing is recorded, and the tab and the charts say why', async ({ browser }, testInfo) => {
  const server = await startOwnServer('admin-logs-off', { ENABLE_SIGN_IN_LOG: 'false' });
  try {
    const own = { ...fixtures, baseURL: server.baseURL, issuer: server.baseURL, clientId: server.clientId, redirectUri: server.redirectUri, cliEnv: server.cliEnv };
    const admin = await createSuperAdmin(own, 'logs-off');
    const stranger = await browser.newContext();
    await failPassword(await stranger.newPage(), admin.email, server.baseURL);
    await stranger.close();
    const { context, page } = await adminPage(browser, admin, `${server.baseURL}/admin`);
    await expect(page.getByTestId('stats-sign-in-log-off')).toContainText('ENABLE_SIGN_IN_LOG=false');
    await expect(page.getByTestId('stats-total-signIns')).toHaveText('0');
    await expect(page.getByTestId('stats-total-failedSignIns')).toHaveText('0');
    await checkA11y(page, 'admin-dashboard-sign-in-log-off', testInfo);

    await page.goto(`${server.baseURL}/admin/logs?tab=sign-in`);
    await expect(page.getByTestId('empty-state')).toContainText('ENABLE_SIGN_IN_LOG=true');
    await checkA11y(page, 'admin-logs-sign-in-off', testInfo);
    expect(await apiFromPage(page, '/api/v1/logs/sign-in')).toMatchObject({ status: 200, body: { count: 0, logs: [] } });
    await context.close();
  } finally {
    await server.stop();
  }
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
