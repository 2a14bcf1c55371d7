// /admin/orgs: a super_admin creates an org (keyboard only), edits its settings and branding while
// the live preview (the hosted sign-in page in an iframe) follows the draft, sees an unsafe color
// refused on its field, manages the org's groups, removes a member, and deletes the org with typed
// confirmation; a read-only role (read_org) sees orgs with read-only fields and no write buttons,
// and its forced write gets 403; a plain user gets "no access". axe (light and dark) on each state.
import { expect as baseExpect, test, type Locator, type Page } from '@playwright/test';
import { adminPage, apiFromPage, checkA11y, createAdminWithScopes, createPlainUser, createSuperAdmin } from './support/admin-ui';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';

test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 10_000 });

let fixtures: E2eFixtures;
let superAdmin: E2eUser;

test.beforeAll(async () => {
  fixtures = loadFixtures();
  superAdmin = await createSuperAdmin(fixtures, 'orgs-super');
});

const row = (page: Page, name: string) => page.getByTestId('data-row').filter({ has: page.getByRole('rowheader', { name }) });
const toast = (page: Page) => page.getByTestId('toasts-status');

async function tabTo(page: Page, target: Locator, limit = 60) {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error('not reachable with Tab');
}

test('a super_admin creates (keyboard only), brands with a live preview, manages groups and members, and deletes an org', async ({ browser }, testInfo) => {
  const { context, page } = await adminPage(browser, superAdmin, '/admin/orgs');
  const suffix = Date.now().toString(36);
  const name = `E2E Org ${suffix}`;
  const slug = `e2e-org-${suffix}`;

  await expect(page.getByRole('heading', { level: 1, name: 'Organizations' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Dashboard sections' }).getByRole('link', { name: 'Organizations' })).toHaveAttribute('aria-current', 'page');
  await checkA11y(page, 'admin-orgs-list', testInfo);

  // create, keyboard only; an empty submit puts the error on the name
  const create = page.getByRole('button', { name: 'Create org' });
  await tabTo(page, create);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Create an org' });
  const nameField = dialog.getByRole('textbox', { name: 'Name' });
  await expect(nameField).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(nameField).toHaveAttribute('aria-invalid', 'true');
  await checkA11y(page, 'admin-orgs-create-invalid', testInfo);
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(slug);
  await page.keyboard.press('Enter');
  await expect(toast(page)).toContainText(`Org ${name} created.`);
  await expect(page).toHaveURL(/\/admin\/orgs\/[0-9a-f-]{36}$/);
  const orgId = new URL(page.url()).pathname.split('/').pop()!;
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText('Public', { exact: true })).toBeVisible();

  // branding: the preview follows the draft before it is saved
  const preview = page.frameLocator('[data-testid="org-branding-preview"]');
  await expect(preview.getByTestId('brand-name')).toHaveText(name);
  await page.getByRole('textbox', { name: 'Primary button', exact: true }).fill('#123456');
  await page.getByRole('textbox', { name: 'Primary button label', exact: true }).fill('rgb(255, 255, 0)');
  await page.getByRole('textbox', { name: 'Terms of service URL' }).fill('https://example.com/terms');
  const previewButton = preview.getByRole('button', { name: 'Sign in', exact: true });
  await expect(previewButton).toHaveCSS('background-color', 'rgb(18, 52, 86)');
  await expect(previewButton).toHaveCSS('color', 'rgb(255, 255, 0)');
  await expect(preview.getByRole('link', { name: /terms/i })).toHaveAttribute('href', 'https://example.com/terms');
  await checkA11y(page, 'admin-orgs-detail', testInfo);

  // a value the hosted pages would refuse is refused on its field, and never reaches the preview
  const layout = page.getByRole('textbox', { name: 'Page background' });
  await layout.fill('red; background: url(https://evil.example)');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(layout).toHaveAttribute('aria-invalid', 'true');
  await expect(layout).toBeFocused();
  await layout.fill('oklch(0.95 0.02 250)');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(toast(page)).toContainText(`Org ${name} saved.`);
  const saved = await apiFromPage(page, `/api/v1/orgs/${orgId}`);
  expect(saved.body!.org).toMatchObject({ primaryButtonColor: '#123456', primaryButtonLabelColor: 'rgb(255, 255, 0)', layoutColor: 'oklch(0.95 0.02 250)', termsLink: 'https://example.com/terms' });
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Primary button', exact: true })).toHaveValue('#123456');

  // groups: create, rename, delete (the tab is in the URL)
  await page.getByRole('tab', { name: 'Groups' }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get('tab') === 'groups');
  await expect(page.getByText('No groups yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Create group' }).click();
  const groupDialog = page.getByRole('dialog', { name: 'Create a group' });
  await groupDialog.getByRole('textbox', { name: 'Group name' }).fill('Editors');
  await checkA11y(page, 'admin-orgs-group-create', testInfo);
  await groupDialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(toast(page)).toContainText('Group Editors created.');
  await page.getByRole('button', { name: 'Rename Editors' }).click();
  const renameDialog = page.getByRole('dialog', { name: 'Rename group Editors' });
  await renameDialog.getByRole('textbox', { name: 'Group name' }).fill('Reviewers');
  await renameDialog.getByRole('button', { name: 'Save' }).click();
  await expect(toast(page)).toContainText('Group Reviewers saved.');
  await expect(page.getByTestId('org-group')).toHaveText(/Reviewers/);
  await checkA11y(page, 'admin-orgs-groups', testInfo);
  await page.getByRole('button', { name: 'Delete Reviewers' }).click();
  await page.getByRole('alertdialog', { name: 'Delete group Reviewers?' }).getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(toast(page)).toContainText('Group Reviewers deleted.');
  await expect(page.getByTestId('org-group')).toHaveCount(0);

  // members: a user joins through the users API; removing them here leaves their other orgs alone
  const member = await createPlainUser(fixtures, 'orgs-member');
  const joined = await apiFromPage(page, `/api/v1/users/${member.authId}/orgs`, { method: 'POST', body: { orgs: [orgId] } });
  expect(joined.status).toBe(200);
  await page.getByRole('tab', { name: 'Members' }).click();
  await expect(row(page, member.email)).toBeVisible();
  await checkA11y(page, 'admin-orgs-members', testInfo);
  await row(page, member.email).getByRole('button', { name: /^Remove / }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(toast(page)).toContainText('removed from the org.');
  await expect(page.getByText('No members yet.', { exact: false })).toBeVisible();
  const after = await apiFromPage(page, `/api/v1/users/${member.authId}/orgs`);
  expect(after.body!.orgs).toEqual([]);

  // back to the list: search in the URL, then delete with the slug typed
  await page.getByRole('link', { name: 'All orgs' }).click();
  await page.getByRole('searchbox', { name: 'Search' }).fill(slug);
  await expect(page).toHaveURL((url) => url.searchParams.get('q') === slug);
  await expect(page.getByTestId('data-row')).toHaveCount(1);
  await row(page, name).getByRole('button', { name: `Delete ${name}` }).click();
  const confirm = page.getByRole('alertdialog', { name: `Delete org ${name}?` });
  await expect(confirm.getByRole('button', { name: 'Delete', exact: true })).toBeDisabled();
  await checkA11y(page, 'admin-orgs-delete', testInfo);
  await confirm.getByRole('textbox', { name: `Type ${slug} to confirm` }).fill(slug);
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(toast(page)).toContainText(`Org ${name} deleted.`);
  await expect(page.getByTestId('data-row')).toHaveCount(0);
  expect((await apiFromPage(page, `/api/v1/orgs/${orgId}`)).status).toBe(404);
  await context.close();
});

test('a read-only role (read_org) sees orgs and their branding read-only, and the API refuses its write', async ({ browser }, testInfo) => {
  const seed = await adminPage(browser, superAdmin, '/admin/orgs');
  const slug = `e2e-ro-${Date.now().toString(36)}`;
  const created = await apiFromPage(seed.page, '/api/v1/orgs', { method: 'POST', body: { name: slug, slug, primaryButtonColor: '#aa0000' } });
  expect(created.status).toBe(201);
  await seed.context.close();

  const reader = await createAdminWithScopes(fixtures, 'orgs-reader', ['read_org']);
  const { context, page } = await adminPage(browser, reader, '/admin/orgs');
  await expect(row(page, slug)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create org' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Delete / })).toHaveCount(0);
  await checkA11y(page, 'admin-orgs-read-only', testInfo);
  await row(page, slug).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: slug })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Primary button', exact: true })).toHaveValue('#aa0000');
  await expect(page.getByRole('textbox', { name: 'Primary button', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await expect(page.frameLocator('[data-testid="org-branding-preview"]').getByRole('button', { name: 'Sign in', exact: true })).toHaveCSS('background-color', 'rgb(170, 0, 0)');
  await checkA11y(page, 'admin-orgs-read-only-detail', testInfo);
  const forced = await apiFromPage(page, `/api/v1/orgs/${created.body!.org.id}`, { method: 'PUT', body: { name: 'forced' } });
  expect(forced).toMatchObject({ status: 403, body: { error: 'insufficient_scope' } });
  await context.close();
});

test('a plain user gets "no access", also on the branding preview', async ({ browser }, testInfo) => {
  const plain = await createPlainUser(fixtures, 'orgs-plain');
  const { context, page } = await adminPage(browser, plain, '/admin/orgs');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('No access');
  await checkA11y(page, 'admin-orgs-no-access', testInfo);
  await page.goto('/admin/branding-preview?name=Phish&primaryButtonColor=%23ff0000');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('No access');
  await expect(page.getByTestId('brand-name')).toHaveCount(0);
  await context.close();
});
