// /admin/banners (the suite's server runs with ENABLE_APP_BANNER): a super_admin creates a
// banner with texts per language linked to an app, edits it (type, status) and deletes it through
// the UI; a read-only role (read_app) sees the banners but no write buttons and its forced write
// gets 403. axe (light and dark) on every state.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { adminPage, apiFromPage, checkA11y, createAdminWithScopes, createSuperAdmin } from './support/admin-ui';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';

test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 10_000 });

let fixtures: E2eFixtures;
let superAdmin: E2eUser;

test.beforeAll(async () => {
  fixtures = loadFixtures();
  superAdmin = await createSuperAdmin(fixtures, 'banners-super');
});

const row = (page: Page, text: string) => page.getByTestId('data-row').filter({ has: page.getByRole('rowheader', { name: text }) });
const toast = (page: Page) => page.getByTestId('toasts-status');

test('a super_admin creates a banner for an app, edits and deletes it', async ({ browser }, testInfo) => {
  const { context, page } = await adminPage(browser, superAdmin, '/admin/banners');
  const text = `Maintenance ${Date.now().toString(36)}`;
  await expect(page.getByRole('heading', { level: 1, name: 'Banners' })).toBeVisible();
  await checkA11y(page, 'admin-banners-list', testInfo);

  await page.getByRole('button', { name: 'Create banner' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a banner' });
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  // the default text is required
  await expect(dialog.getByRole('textbox', { name: 'Default text' })).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'Warning' });
  await dialog.getByRole('textbox', { name: 'Default text' }).fill(text);
  await dialog.getByRole('textbox', { name: 'Text (简体中文)' }).fill(`维护 ${text}`);
  await dialog.getByRole('group', { name: 'Apps' }).getByRole('checkbox', { name: 'E2E SPA' }).first().check();
  await checkA11y(page, 'admin-banners-create', testInfo);
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(toast(page)).toContainText('Banner created.');
  await expect(dialog).toBeHidden();
  await expect(row(page, text)).toContainText('Warning');
  await expect(row(page, text)).toContainText('E2E SPA');
  await expect(row(page, text)).toContainText('Shown');

  await row(page, text).getByRole('button', { name: `Edit banner “${text}”` }).click();
  const edit = page.getByRole('dialog', { name: 'Edit banner' });
  await expect(edit.getByRole('textbox', { name: 'Text (简体中文)' })).toHaveValue(`维护 ${text}`);
  await checkA11y(page, 'admin-banners-edit', testInfo);
  await edit.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'Error' });
  await edit.getByRole('switch', { name: 'Shown on the sign-in pages' }).click();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(toast(page)).toContainText('Banner saved.');
  await expect(row(page, text)).toContainText('Error');
  await expect(row(page, text)).toContainText('Hidden');
  const listed = await apiFromPage(page, '/api/v1/app-banners');
  const saved = (listed.body!.appBanners as { text: string; type: string; isActive: boolean; appIds: string[]; locales: unknown[] }[]).find((banner) => banner.text === text)!;
  expect(saved).toMatchObject({ type: 'error', isActive: false, locales: [{ locale: 'zh-CN', value: `维护 ${text}` }] });
  expect(saved.appIds).toHaveLength(1);

  await row(page, text).getByRole('button', { name: `Delete banner “${text}”` }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete this banner?' });
  await checkA11y(page, 'admin-banners-delete', testInfo);
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(toast(page)).toContainText('Banner deleted.');
  await expect(row(page, text)).toHaveCount(0);
  await context.close();
});

test('a read-only role (read_app) sees the banners but no write buttons, and the API refuses its write', async ({ browser }, testInfo) => {
  const reader = await createAdminWithScopes(fixtures, 'banners-reader', ['read_app']);
  const { context, page } = await adminPage(browser, reader, '/admin/banners');
  await expect(page.getByRole('heading', { level: 1, name: 'Banners' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create banner' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^(Edit|Delete) banner/ })).toHaveCount(0);
  await checkA11y(page, 'admin-banners-read-only', testInfo);
  const forced = await apiFromPage(page, '/api/v1/app-banners', { method: 'POST', body: { type: 'info', text: 'forced' } });
  expect(forced).toMatchObject({ status: 403, body: { error: 'insufficient_scope' } });
  await context.close();
});
