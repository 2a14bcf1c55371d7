// /admin/audit, the audit history (root only): a super_admin makes changes (a scope created and
// edited through the API as the dashboard does), finds them with filters kept in the URL (keyboard),
// opens an event whose before / after stand side by side with the changed keys marked, and gets
// the same view back from the bookmarked URL; an admin without root gets "no access to this
// section" and its forced read is refused by the API; a plain user gets "no access". axe (light and
// dark) on every state.
import { expect as baseExpect, test } from '@playwright/test';
import { adminPage, apiFromPage, checkA11y, createAdminWithScopes, createPlainUser, createSuperAdmin } from './support/admin-ui';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';

test.describe.configure({ timeout: 240_000 });
const expect = baseExpect.configure({ timeout: 10_000 });

let fixtures: E2eFixtures;
let superAdmin: E2eUser;

test.beforeAll(async () => {
  test.setTimeout(180_000); // CLI and API calls are slow on a loaded machine
  fixtures = loadFixtures();
  superAdmin = await createSuperAdmin(fixtures, 'audit-super');
});

test('a super_admin filters the audit history in the URL and compares an event before and after', async ({ browser }, testInfo) => {
  const { context, page } = await adminPage(browser, superAdmin, '/admin/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit history' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Dashboard sections' }).getByRole('link', { name: 'Audit history' })).toHaveAttribute('aria-current', 'page');

  const name = `e2e_audit_${Date.now().toString(36)}`;
  const created = await apiFromPage(page, '/api/v1/scopes', { method: 'POST', body: { name, type: 'spa', note: 'before the edit' } });
  expect(created.status).toBe(201);
  const scopeId = created.body?.scope.id as string;
  expect((await apiFromPage(page, `/api/v1/scopes/${scopeId}`, { method: 'PUT', body: { note: 'after the edit' } })).status).toBe(200);

  await page.reload();
  await expect(page.getByTestId('data-row').first()).toBeVisible();
  await checkA11y(page, 'admin-audit-list', testInfo);

  // keyboard: type the filters and submit with Enter
  const filters = page.getByRole('form', { name: 'Filters' });
  await filters.getByRole('textbox', { name: 'Target ID' }).focus();
  await page.keyboard.type(scopeId);
  await filters.getByRole('textbox', { name: 'Action' }).focus();
  await page.keyboard.type('scope.updated');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`target_id=${scopeId}`));
  await expect(page).toHaveURL(/action=scope\.updated/);
  const rows = page.getByTestId('data-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByRole('rowheader')).toHaveText('scope.updated');
  await expect(rows.first()).toContainText('User');

  // the event: before and after side by side, the changed key marked
  const view = rows.first().getByRole('button', { name: `View scope.updated on ${scopeId}` });
  await view.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Event scope.updated' });
  await expect(dialog).toBeVisible();
  await expect(page).toHaveURL(/event=/);
  await expect(dialog.getByTestId('audit-changed-count')).toHaveText(/^[1-9]\d* fields? changed$/);
  const note = dialog.getByTestId('audit-diff-row').filter({ has: page.getByRole('rowheader', { name: /^note\b/ }) });
  await expect(note).toHaveAttribute('data-changed', 'true');
  await expect(note.getByRole('rowheader')).toContainText('Changed');
  await expect(note.getByRole('cell').nth(0)).toHaveText('"before the edit"');
  await expect(note.getByRole('cell').nth(1)).toHaveText('"after the edit"');
  const nameRow = dialog.getByTestId('audit-diff-row').filter({ has: page.getByRole('rowheader', { name: /^name\b/ }) });
  await expect(nameRow).toHaveAttribute('data-changed', 'false');
  await expect(nameRow.getByRole('cell').nth(0)).toHaveText(`"${name}"`);
  await checkA11y(page, 'admin-audit-event', testInfo);

  // the URL is the view: a fresh load opens the same filters and event
  const bookmarked = page.url();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(view).toBeFocused();
  await expect(page).not.toHaveURL(/event=/);
  await page.goto(bookmarked);
  await expect(page.getByRole('dialog', { name: 'Event scope.updated' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(filters.getByRole('textbox', { name: 'Action' })).toHaveValue('scope.updated');

  // the creation: no state before, every key changed
  await filters.getByRole('textbox', { name: 'Action' }).fill('scope.created');
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/action=scope\.created/);
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole('button', { name: /^View scope\.created/ }).click();
  const creation = page.getByRole('dialog', { name: 'Event scope.created' });
  await expect(creation.getByTestId('audit-diff-row').first()).toContainText('not set');
  await expect(creation.locator('[data-testid="audit-diff-row"][data-changed="false"]')).toHaveCount(0);
  await page.keyboard.press('Escape');

  // actor type and a time window in the future: nothing matches
  await filters.getByRole('combobox', { name: 'Actor type' }).selectOption('user');
  await filters.getByLabel('From').fill('2099-01-01T00:00');
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/actor_type=user/);
  await expect(page).toHaveURL(/from=2099-/);
  await expect(page.getByText('No event matches these filters.')).toBeVisible();
  await checkA11y(page, 'admin-audit-no-match', testInfo);

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).not.toHaveURL(/target_id|action=|from=/);
  await expect(filters.getByRole('textbox', { name: 'Target ID' })).toHaveValue('');
  await expect(rows.first()).toBeVisible();
  await context.close();
});

test('an admin without root gets "no access to this section" and its forced read gets 403; a plain user gets "no access"', async ({ browser }, testInfo) => {
  const reader = await createAdminWithScopes(fixtures, 'audit-reader', ['read_scope', 'read_user']);
  const other = await adminPage(browser, reader, '/admin/audit');
  await expect(other.page.getByTestId('admin-section-denied')).toBeVisible();
  await expect(other.page.getByRole('heading', { level: 1 })).toHaveText('No access to this section');
  await expect(other.page.getByRole('navigation', { name: 'Dashboard sections' }).getByRole('link', { name: 'Audit history' })).toHaveCount(0);
  const forced = await apiFromPage(other.page, '/api/v1/audit-events');
  expect(forced).toMatchObject({ status: 403, body: { error: 'insufficient_scope' } });
  await checkA11y(other.page, 'admin-audit-section-denied', testInfo);
  await other.context.close();

  const plain = await createPlainUser(fixtures, 'audit-plain');
  const { context, page } = await adminPage(browser, plain, '/admin/audit');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('No access');
  await expect(page.getByTestId('admin-no-access')).toContainText(plain.email);
  await context.close();
});
