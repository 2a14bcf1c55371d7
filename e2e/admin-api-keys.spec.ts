// /admin/api-keys (issue #17 point 4) on the suite's server: a super_admin creates a read_user key
// limited to loopback addresses (the client IP of a request from this process), sees the key once,
// uses it over HTTP (users listed, a write refused 403), revokes it in the dashboard, and the key is
// then refused with 401 api_key_revoked; reloading the page never shows the key again. A read_user
// admin gets the section denied and the API's 403. axe on the list and the shown key.
import { expect as baseExpect, test } from '@playwright/test';
import { adminPage, apiFromPage, checkA11y, createAdminWithScopes, createSuperAdmin } from './support/admin-ui';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';

test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

let fixtures: E2eFixtures;
let superAdmin: E2eUser;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  fixtures = loadFixtures();
  superAdmin = await createSuperAdmin(fixtures, 'api-keys-super');
});

async function withKey(key: string, path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(new URL(path, fixtures.baseURL), {
    method: init.method ?? 'GET',
    headers: { 'x-api-key': key, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as { error?: string } | null };
}

test('a super_admin creates a key (shown once), it works over HTTP within its scope, and once revoked it gets 401', async ({ browser }, testInfo) => {
  const { context, page } = await adminPage(browser, superAdmin, '/admin/api-keys');
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  await page.getByRole('button', { name: 'Create API key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create an API key' });
  const name = `Reporting ${Date.now()}`;
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('checkbox', { name: 'read_user', exact: true }).check();
  await dialog.getByLabel('IP allow-list').fill('127.0.0.0/8\n::1');
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();

  const shown = page.getByRole('dialog', { name: `API key ${name}` });
  await expect(shown.getByText('Shown once')).toBeVisible();
  const key = await shown.getByTestId('api-key-secret').inputValue();
  expect(key).toMatch(/^tsk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
  await checkA11y(page, 'api-key-shown', testInfo);
  await shown.getByRole('button', { name: 'I have saved it' }).click();

  const row = page.getByTestId('data-row').filter({ hasText: name });
  await expect(row).toContainText('Active');
  await expect(row).toContainText(key.slice(0, 'tsk_'.length + 12));
  await expect(row).toContainText('127.0.0.0/8, ::1');
  await expect(page.getByText(key)).toHaveCount(0);

  // the key over real HTTP: reads users, cannot write them
  const listed = await withKey(key, '/api/v1/users');
  expect(listed.status).toBe(200);
  const write = await withKey(key, '/api/v1/users', { method: 'POST', body: { email: `key-${Date.now()}@example.com`, password: 'Pw-7long-enough!' } });
  expect({ status: write.status, error: write.body?.error }).toEqual({ status: 403, error: 'insufficient_scope' });

  // its last use shows after a reload (the key itself never again)
  await page.reload();
  await expect(row).toContainText(/127\.0\.0\.1|::1/);
  await expect(page.getByText(key)).toHaveCount(0);
  await checkA11y(page, 'api-keys-list', testInfo);

  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  const confirm = page.getByRole('alertdialog', { name: `Revoke the API key ${name}?` });
  await confirm.getByRole('button', { name: 'Revoke', exact: true }).click();
  await expect(row).toContainText('Revoked');
  await expect(row.getByRole('button', { name: `Revoke ${name}` })).toHaveCount(0);

  const refused = await withKey(key, '/api/v1/users');
  expect({ status: refused.status, error: refused.body?.error }).toEqual({ status: 401, error: 'api_key_revoked' });
  await context.close();
});

test('a read_user admin gets the section denied and the API refuses the list', async ({ browser }) => {
  const reader: E2eUser = await createAdminWithScopes(fixtures, 'api-keys-reader', ['read_user']);
  const { context, page } = await adminPage(browser, reader, '/admin/api-keys');
  await expect(page.getByRole('heading', { name: 'No access to this section' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Dashboard sections' }).getByRole('link', { name: 'API keys' })).toHaveCount(0);
  expect((await apiFromPage(page, '/api/v1/api-keys')).status).toBe(403);
  await context.close();
});
