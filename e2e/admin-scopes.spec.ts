// /admin/scopes, the reference resource page: a super_admin creates (keyboard only), searches,
// edits (consent texts per locale) and deletes a scope through the UI; built-in scopes cannot be
// deleted; a delete takes the row off at once and a refused one puts it back; a read-only role sees no write buttons and its forced write is refused by the API; a
// role without read_scope gets "no access to this section"; a plain user gets "no access".
// axe (light and dark) on every state.
import { expect as baseExpect, test, type Locator, type Page } from '@playwright/test';
import { adminPage, apiFromPage, checkA11y, createAdminWithScopes, createPlainUser, createSuperAdmin } from './support/admin-ui';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';

test.describe.configure({ timeout: 240_000 });
const expect = baseExpect.configure({ timeout: 10_000 });

let fixtures: E2eFixtures;
let superAdmin: E2eUser;

test.beforeAll(async () => {
  test.setTimeout(180_000); // CLI and API calls are slow on a loaded machine
  fixtures = loadFixtures();
  superAdmin = await createSuperAdmin(fixtures, 'scopes-super');
});

const row = (page: Page, name: string) => page.getByTestId('data-row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}\\b`) }) });
const toast = (page: Page) => page.getByTestId('toasts-status');

/** Tabs from the page's start until `target` has focus (proves it is reachable by keyboard). */
async function tabTo(page: Page, target: Locator, limit = 60) {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error('not reachable with Tab');
}

test('a super_admin creates (keyboard only), finds, edits and deletes a scope; built-in scopes cannot be deleted', async ({ browser }, testInfo) => {
  const { context, page } = await adminPage(browser, superAdmin, '/admin/scopes');
  const name = `e2e_scope_${Date.now().toString(36)}`;

  await expect(page.getByRole('heading', { level: 1, name: 'Scopes' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Dashboard sections' }).getByRole('link', { name: 'Scopes' })).toHaveAttribute('aria-current', 'page');
  const openid = row(page, 'openid');
  await expect(openid).toContainText('Built-in');
  await expect(openid.getByRole('button', { name: 'Edit openid' })).toBeVisible();
  await expect(openid.getByRole('button', { name: /Delete/ })).toHaveCount(0);
  await checkA11y(page, 'admin-scopes-list', testInfo);

  // create, keyboard only: Tab to the button, Enter, the name field has focus, an empty submit
  // puts the error on it, then type and submit with Enter
  const create = page.getByRole('button', { name: 'Create scope' });
  await tabTo(page, create);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Create a scope' });
  const nameField = dialog.getByRole('textbox', { name: 'Name' });
  await expect(nameField).toBeFocused();
  await checkA11y(page, 'admin-scopes-create', testInfo);
  await page.keyboard.press('Enter');
  await expect(nameField).toHaveAttribute('aria-invalid', 'true');
  await expect(nameField).toBeFocused();
  await checkA11y(page, 'admin-scopes-create-invalid', testInfo);
  await page.keyboard.type(name);
  await page.keyboard.press('Tab'); // type
  await page.keyboard.press('Tab'); // note
  await page.keyboard.type('made in e2e');
  await page.keyboard.press('Tab'); // consent text, English
  await page.keyboard.type('Read your e2e data');
  await page.keyboard.press('Tab'); // consent text, Chinese
  await page.keyboard.type('读取你的 e2e 数据');
  await tabTo(page, dialog.getByRole('button', { name: 'Create', exact: true }), 20); // past the other languages and Cancel
  await page.keyboard.press('Enter');
  await expect(toast(page)).toContainText(`Scope ${name} created.`);
  await expect(dialog).toBeHidden();
  await expect(create).toBeFocused(); // focus back where the dialog was opened
  await expect(row(page, name)).toContainText('made in e2e');

  // the same name again: the error is on the field
  await create.click();
  await page.getByRole('dialog', { name: 'Create a scope' }).getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByRole('dialog').getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByRole('dialog').getByText('A scope with this name already exists.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();

  // search is in the URL: a reload (or a bookmark) shows the same view
  await page.getByRole('searchbox', { name: 'Search' }).fill(name);
  await expect(page).toHaveURL((url) => url.searchParams.get('q') === name);
  await expect(page.getByTestId('data-row')).toHaveCount(1);
  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue(name);
  await expect(page.getByTestId('data-row')).toHaveCount(1);

  // edit: the consent texts are loaded per locale; change the note and the English text
  await row(page, name).getByRole('button', { name: `Edit ${name}` }).click();
  const edit = page.getByRole('dialog', { name: `Edit scope ${name}` });
  await expect(edit.getByRole('textbox', { name: 'Consent text (简体中文)' })).toHaveValue('读取你的 e2e 数据');
  await checkA11y(page, 'admin-scopes-edit', testInfo);
  await edit.getByRole('textbox', { name: 'Note' }).fill('changed in e2e');
  await edit.getByRole('textbox', { name: 'Consent text (English)' }).fill('Read and change your e2e data');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(toast(page)).toContainText(`Scope ${name} saved.`);
  await expect(row(page, name)).toContainText('changed in e2e');
  const listed = await apiFromPage(page, '/api/v1/scopes');
  const id = (listed.body!.scopes as { id: string; name: string }[]).find((scope) => scope.name === name)!.id;
  const detail = await apiFromPage(page, `/api/v1/scopes/${id}`);
  expect(detail.body!.scope.locales).toEqual([
    { locale: 'en', value: 'Read and change your e2e data' },
    { locale: 'zh-CN', value: '读取你的 e2e 数据' },
  ]);

  // delete: confirmed by typing the name
  await row(page, name).getByRole('button', { name: `Delete ${name}` }).click();
  const confirm = page.getByRole('alertdialog', { name: `Delete scope ${name}?` });
  const deleteButton = confirm.getByRole('button', { name: 'Delete', exact: true });
  await expect(deleteButton).toBeDisabled();
  await checkA11y(page, 'admin-scopes-delete', testInfo);
  await confirm.getByRole('textbox', { name: `Type ${name} to confirm` }).fill(name);
  await deleteButton.click();
  await expect(toast(page)).toContainText(`Scope ${name} deleted.`);
  await expect(page.getByTestId('data-row')).toHaveCount(0);
  await expect(page.getByTestId('empty-state')).toContainText(`Nothing matches “${name}”.`);
  await checkA11y(page, 'admin-scopes-empty', testInfo);
  await context.close();
});

test('a confirmed delete takes the row off at once; when the server refuses it, the row comes back', async ({ browser }, testInfo) => {
  const { context, page } = await adminPage(browser, superAdmin, '/admin/scopes');
  const name = `e2e_scope_refused_${Date.now().toString(36)}`;
  const created = await apiFromPage(page, '/api/v1/scopes', { method: 'POST', body: { name, type: 'spa' } });
  expect(created.status).toBe(201);
  await page.goto(`/admin/scopes?q=${name}`);
  const heading = page.getByRole('heading', { level: 1, name: 'Scopes' });

  // the DELETE is answered with a 500 only once the page has been checked without the row
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname === `/api/v1/scopes/${created.body!.scope.id}`,
    async (route) => {
      await released;
      await route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: 'server_error', message: 'Refused by the test.' }) });
    },
    { times: 1 },
  );
  const askDelete = row(page, name).getByRole('button', { name: `Delete ${name}` });
  await askDelete.click();
  const confirm = page.getByRole('alertdialog', { name: `Delete scope ${name}?` });
  const typed = confirm.getByRole('textbox', { name: `Type ${name} to confirm` });
  await typed.fill(name);
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('data-row')).toHaveCount(0);
  await expect(heading).toBeFocused(); // its Delete button is gone with the row
  await checkA11y(page, 'admin-scopes-deleting', testInfo);
  release();
  await expect(page.getByTestId('toasts-alert')).toContainText('Something went wrong on the server. Please try again.');
  await expect(row(page, name)).toHaveCount(1);
  expect(((await apiFromPage(page, '/api/v1/scopes')).body!.scopes as { name: string }[]).some((scope) => scope.name === name)).toBe(true);
  await checkA11y(page, 'admin-scopes-delete-refused', testInfo);

  // again, allowed this time: the dialog starts with an empty confirmation field
  await askDelete.click();
  await expect(typed).toHaveValue('');
  await typed.fill(name);
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByTestId('data-row')).toHaveCount(0);
  await expect(toast(page)).toContainText(`Scope ${name} deleted.`);
  expect(((await apiFromPage(page, '/api/v1/scopes')).body!.scopes as { name: string }[]).some((scope) => scope.name === name)).toBe(false);
  await context.close();
});

test('a read-only role (read_scope) sees the scopes but no write buttons, and the API refuses its write', async ({ browser }, testInfo) => {
  const reader = await createAdminWithScopes(fixtures, 'scopes-reader', ['read_scope']);
  const { context, page } = await adminPage(browser, reader, '/admin/scopes');
  await expect(row(page, 'openid')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create scope' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^(Edit|Delete) / })).toHaveCount(0);
  await checkA11y(page, 'admin-scopes-read-only', testInfo);
  const forced = await apiFromPage(page, '/api/v1/scopes', { method: 'POST', body: { name: 'e2e_forced', type: 'spa' } });
  expect(forced).toMatchObject({ status: 403, body: { error: 'insufficient_scope' } });
  await context.close();
});

test('a role without read_scope gets "no access to this section"; a plain user gets "no access"', async ({ browser }, testInfo) => {
  const userReader = await createAdminWithScopes(fixtures, 'scopes-other', ['read_user']);
  const other = await adminPage(browser, userReader, '/admin/scopes');
  await expect(other.page.getByTestId('admin-section-denied')).toBeVisible();
  await expect(other.page.getByRole('heading', { level: 1 })).toHaveText('No access to this section');
  await expect(other.page.getByRole('navigation', { name: 'Dashboard sections' }).getByRole('link', { name: 'Scopes' })).toHaveCount(0);
  await checkA11y(other.page, 'admin-scopes-section-denied', testInfo);
  await other.context.close();

  const plain = await createPlainUser(fixtures, 'scopes-plain');
  const { context, page } = await adminPage(browser, plain, '/admin/scopes');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('No access');
  await expect(page.getByTestId('admin-no-access')).toContainText(plain.email);
  await checkA11y(page, 'admin-scopes-no-access', testInfo);
  await context.close();
});
