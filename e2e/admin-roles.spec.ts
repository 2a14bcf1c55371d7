// /admin/roles: a super_admin creates a custom admin role (permissions and the rights matrix),
// sees its users, edits and deletes it through the UI; super_admin is shown but cannot be edited
// or deleted; an admin with write_role can only tick rights it holds itself; a read-only role
// sees the roles but no write buttons and its forced write gets 403; a plain user gets no access.
// axe (light and dark) on every state.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { adminPage, apiFromPage, checkA11y, createAdminWithScopes, createPlainUser, createSuperAdmin } from './support/admin-ui';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';

test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 10_000 });

let fixtures: E2eFixtures;
let superAdmin: E2eUser;

test.beforeAll(async () => {
  fixtures = loadFixtures();
  superAdmin = await createSuperAdmin(fixtures, 'roles-super');
});

const row = (page: Page, name: string) => page.getByTestId('data-row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}\\b`) }) });
const toast = (page: Page) => page.getByTestId('toasts-status');

test('a super_admin creates a role with permissions and admin rights, sees its users, edits and deletes it', async ({ browser }, testInfo) => {
  const member = await createAdminWithScopes(fixtures, 'roles-member', ['read_user']);
  const { context, page } = await adminPage(browser, superAdmin, '/admin/roles');
  const name = `e2e-role-${Date.now().toString(36)}`;

  await expect(page.getByRole('heading', { level: 1, name: 'Roles' })).toBeVisible();
  const builtIn = row(page, 'super_admin');
  await expect(builtIn).toContainText('Built-in');
  await expect(builtIn).toContainText('Full access');
  await expect(builtIn.getByRole('button', { name: /^(Edit|Delete) / })).toHaveCount(0);
  await checkA11y(page, 'admin-roles-list', testInfo);

  // users holding a role
  await row(page, member.role).getByRole('button', { name: `Users with role ${member.role}` }).click();
  const users = page.getByRole('dialog', { name: `Users with role ${member.role}` });
  await expect(users.getByTestId('role-users')).toContainText(member.email);
  await checkA11y(page, 'admin-roles-users', testInfo);
  await page.keyboard.press('Escape');
  await expect(users).toBeHidden();

  // create: name, note, one permission, and rights from the matrix (keyboard for the checkboxes)
  await page.getByRole('button', { name: 'Create role' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a role' });
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toBeFocused();
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'Note' }).fill('made in e2e');
  await dialog.getByRole('button', { name: 'Add' }).click();
  await dialog.getByRole('textbox', { name: 'Permission 1' }).fill('has space');
  await dialog.getByRole('checkbox', { name: 'Read Users' }).focus();
  await page.keyboard.press('Space');
  await dialog.getByRole('checkbox', { name: 'Write Apps' }).check();
  await dialog.getByRole('checkbox', { name: 'Read Apps' }).check();
  await checkA11y(page, 'admin-roles-create', testInfo);
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  // the API's permission rule, checked in the form: the entry gets the error and the focus
  await expect(dialog.getByRole('textbox', { name: 'Permission 1' })).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('textbox', { name: 'Permission 1' })).toBeFocused();
  await dialog.getByRole('textbox', { name: 'Permission 1' }).fill('orders:read');
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(toast(page)).toContainText(`Role ${name} created.`);
  await expect(dialog).toBeHidden();
  const created = row(page, name);
  await expect(created).toContainText('orders:read');
  await expect(created).toContainText('read_user');
  await expect(created).toContainText('write_app');

  // the same name again: the error is on the field
  await page.getByRole('button', { name: 'Create role' }).click();
  await page.getByRole('dialog', { name: 'Create a role' }).getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByRole('dialog').getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByRole('dialog').getByText('A role with this name already exists.')).toBeVisible();
  await page.keyboard.press('Escape');

  // search in the URL survives a reload
  await page.getByRole('searchbox', { name: 'Search' }).fill(name);
  await expect(page).toHaveURL((url) => url.searchParams.get('q') === name);
  await page.reload();
  await expect(page.getByTestId('data-row')).toHaveCount(1);

  // edit: the form shows the role's values; change note, drop write_app, add a permission
  await row(page, name).getByRole('button', { name: `Edit ${name}` }).click();
  const edit = page.getByRole('dialog', { name: `Edit role ${name}` });
  await expect(edit.getByRole('checkbox', { name: 'Write Apps' })).toBeChecked();
  await expect(edit.getByRole('textbox', { name: 'Permission 1' })).toHaveValue('orders:read');
  await checkA11y(page, 'admin-roles-edit', testInfo);
  await edit.getByRole('textbox', { name: 'Note' }).fill('changed in e2e');
  await edit.getByRole('checkbox', { name: 'Write Apps' }).uncheck();
  await edit.getByRole('button', { name: 'Add' }).click();
  await edit.getByRole('textbox', { name: 'Permission 2' }).fill('orders:write');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(toast(page)).toContainText(`Role ${name} saved.`);
  await expect(row(page, name)).toContainText('changed in e2e');
  await expect(row(page, name)).not.toContainText('write_app');
  const listed = await apiFromPage(page, '/api/v1/roles');
  const saved = (listed.body!.roles as { name: string; note: string; permissions: string[]; adminScopes: string[] }[]).find((role) => role.name === name)!;
  expect(saved).toMatchObject({ note: 'changed in e2e', permissions: ['orders:read', 'orders:write'] });
  expect([...saved.adminScopes].sort()).toEqual(['read_app', 'read_user']);

  // delete: confirmed by typing the name
  await row(page, name).getByRole('button', { name: `Delete ${name}` }).click();
  const confirm = page.getByRole('alertdialog', { name: `Delete role ${name}?` });
  await checkA11y(page, 'admin-roles-delete', testInfo);
  await confirm.getByRole('textbox', { name: `Type ${name} to confirm` }).fill(name);
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(toast(page)).toContainText(`Role ${name} deleted.`);
  await expect(page.getByTestId('empty-state')).toContainText(`Nothing matches “${name}”.`);
  await context.close();
});

test('an admin with write_role can tick only the rights it holds', async ({ browser }, testInfo) => {
  const editor = await createAdminWithScopes(fixtures, 'roles-editor', ['read_role', 'write_role', 'read_user']);
  const { context, page } = await adminPage(browser, editor, '/admin/roles');
  await page.getByRole('button', { name: 'Create role' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a role' });
  await expect(dialog.getByRole('checkbox', { name: 'Read Users' })).toBeEnabled();
  await expect(dialog.getByRole('checkbox', { name: 'Write Roles' })).toBeEnabled();
  await expect(dialog.getByRole('checkbox', { name: 'Write Users' })).toBeDisabled();
  await expect(dialog.getByRole('checkbox', { name: 'Read Apps' })).toBeDisabled();
  await expect(dialog.getByRole('checkbox', { name: /Impersonation/ })).toBeDisabled();
  await checkA11y(page, 'admin-roles-create-limited', testInfo);
  // the API refuses what the form disables
  const forced = await apiFromPage(page, '/api/v1/roles', { method: 'POST', body: { name: `e2e-forced-${Date.now()}`, adminScopes: ['write_user'] } });
  expect(forced).toMatchObject({ status: 403, body: { error: 'admin_scope_not_held' } });
  await context.close();
});

test('a read-only role (read_role) sees the roles but no write buttons, and the API refuses its write', async ({ browser }, testInfo) => {
  const reader = await createAdminWithScopes(fixtures, 'roles-reader', ['read_role']);
  const { context, page } = await adminPage(browser, reader, '/admin/roles');
  await expect(row(page, 'super_admin')).toBeVisible();
  await expect(row(page, reader.role)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create role' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^(Edit|Delete|Users with role) / })).toHaveCount(0);
  await checkA11y(page, 'admin-roles-read-only', testInfo);
  const forced = await apiFromPage(page, '/api/v1/roles', { method: 'POST', body: { name: 'e2e-forced' } });
  expect(forced).toMatchObject({ status: 403, body: { error: 'insufficient_scope' } });
  await context.close();
});

test('a role without read_role gets "no access to this section"; a plain user gets "no access"', async ({ browser }, testInfo) => {
  const other = await createAdminWithScopes(fixtures, 'roles-other', ['read_scope']);
  const denied = await adminPage(browser, other, '/admin/roles');
  await expect(denied.page.getByTestId('admin-section-denied')).toBeVisible();
  await expect(denied.page.getByRole('navigation', { name: 'Dashboard sections' }).getByRole('link', { name: 'Roles' })).toHaveCount(0);
  await checkA11y(denied.page, 'admin-roles-section-denied', testInfo);
  await denied.context.close();

  const plain = await createPlainUser(fixtures, 'roles-plain');
  const { context, page } = await adminPage(browser, plain, '/admin/roles');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('No access');
  await context.close();
});
