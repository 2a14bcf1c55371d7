// /admin/apps: a super_admin creates a SPA (redirect URIs checked as the server does), edits it
// (status, scopes, URIs, per-app MFA), creates an S2S app whose secret is shown once and copied,
// regenerates the secret (shown once again) and deletes both through the UI; assigns a banner to a
// SPA from its dialog and unassigns it (the suite's server runs with ENABLE_APP_BANNER), with the
// dialog's empty, failed and feature-off banner states; the built-in dashboard app cannot be deleted; a read-only role sees the apps but no write buttons,
// opens an app read-only with View (its banners listed, no Save) and its forced write gets 403;
// a plain user gets no access. axe (light and dark) on every state.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { adminApi } from './support/admin-api';
import { adminPage, apiFromPage, checkA11y, createAdminWithScopes, createPlainUser, createSuperAdmin } from './support/admin-ui';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';

test.describe.configure({ timeout: 150_000 });
const expect = baseExpect.configure({ timeout: 10_000 });

let fixtures: E2eFixtures;
let superAdmin: E2eUser;

test.beforeAll(async () => {
  fixtures = loadFixtures();
  superAdmin = await createSuperAdmin(fixtures, 'apps-super');
});

const row = (page: Page, name: string) => page.getByTestId('data-row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}\\b`) }) });
const toast = (page: Page) => page.getByTestId('toasts-status');

interface ApiApp {
  id: string;
  name: string;
  isActive: boolean;
  isBuiltIn: boolean;
  scopes: string[];
  redirectUris: string[];
  useSystemMfaConfig: boolean;
  requireEmailMfa: boolean;
}

async function appNamed(page: Page, name: string): Promise<ApiApp | undefined> {
  const listed = await apiFromPage(page, '/api/v1/apps');
  return (listed.body!.apps as ApiApp[]).find((app) => app.name === name);
}

test('a super_admin creates, edits and deletes a SPA', async ({ browser }, testInfo) => {
  const { context, page } = await adminPage(browser, superAdmin, '/admin/apps');
  const name = `e2e-spa-${Date.now().toString(36)}`;

  await expect(page.getByRole('heading', { level: 1, name: 'Apps' })).toBeVisible();
  await expect(page.getByTestId('data-row').first()).toBeVisible();
  const builtIn = page.getByTestId('data-row').filter({ hasText: 'Built-in' }).first();
  await expect(builtIn.getByRole('button', { name: /^Delete / })).toHaveCount(0);
  await checkA11y(page, 'admin-apps-list', testInfo);

  await page.getByRole('button', { name: 'Create app' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create an app' });
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toBeFocused();
  await page.keyboard.type(name);
  const redirects = dialog.getByRole('group', { name: 'Redirect URIs', exact: true });
  await redirects.getByRole('button', { name: 'Add' }).click();
  await redirects.getByRole('textbox', { name: 'Redirect URI 1', exact: true }).fill('http://app.example.com/callback');
  await dialog.getByRole('group', { name: 'Post-logout redirect URIs' }).getByRole('button', { name: 'Add' }).click();
  await dialog.getByRole('textbox', { name: 'Post-logout redirect URI 1' }).fill('https://app.example.com/');
  await checkA11y(page, 'admin-apps-create', testInfo);
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  // plain http off loopback is refused by the server: the form marks the entry first
  const uri = redirects.getByRole('textbox', { name: 'Redirect URI 1', exact: true });
  await expect(uri).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('Enter an absolute URL with https')).toBeVisible();
  await checkA11y(page, 'admin-apps-create-invalid', testInfo);
  await uri.fill('https://app.example.com/callback');
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(toast(page)).toContainText(`App ${name} created.`);
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('dialog')).toHaveCount(0); // no secret for a SPA
  await expect(row(page, name)).toContainText('SPA');
  await expect(row(page, name)).toContainText('Active');

  // edit: deactivate, drop offline_access, second redirect URI, the app's own MFA rule
  await row(page, name).getByRole('button', { name: `Edit ${name}` }).click();
  const edit = page.getByRole('dialog', { name: `Edit app ${name}` });
  await expect(edit.getByRole('textbox', { name: 'Redirect URI 1', exact: true })).toHaveValue('https://app.example.com/callback');
  await expect(edit.getByRole('checkbox', { name: 'offline_access' })).toBeChecked();
  await checkA11y(page, 'admin-apps-edit', testInfo);
  await edit.getByRole('switch', { name: 'Active' }).click();
  await edit.getByRole('checkbox', { name: 'offline_access' }).uncheck();
  await edit.getByRole('group', { name: 'Redirect URIs', exact: true }).getByRole('button', { name: 'Add' }).click();
  await edit.getByRole('textbox', { name: 'Redirect URI 2', exact: true }).fill('http://localhost:4000/cb');
  await edit.getByRole('switch', { name: 'Use the system\'s MFA settings' }).click();
  await edit.getByRole('checkbox', { name: 'Require an email code' }).check();
  await checkA11y(page, 'admin-apps-edit-mfa', testInfo);
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(toast(page)).toContainText(`App ${name} saved.`);
  await expect(row(page, name)).toContainText('Inactive');
  expect(await appNamed(page, name)).toMatchObject({
    isActive: false,
    scopes: ['openid', 'profile'],
    redirectUris: ['https://app.example.com/callback', 'http://localhost:4000/cb'],
    useSystemMfaConfig: false,
    requireEmailMfa: true,
  });

  // search in the URL, then delete with the typed name
  await page.getByRole('searchbox', { name: 'Search' }).fill(name);
  await expect(page).toHaveURL((url) => url.searchParams.get('q') === name);
  await row(page, name).getByRole('button', { name: `Delete ${name}` }).click();
  const confirm = page.getByRole('alertdialog', { name: `Delete app ${name}?` });
  await checkA11y(page, 'admin-apps-delete', testInfo);
  await confirm.getByRole('textbox', { name: `Type ${name} to confirm` }).fill(name);
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(toast(page)).toContainText(`App ${name} deleted.`);
  await expect(page.getByTestId('empty-state')).toContainText(`Nothing matches “${name}”.`);
  expect(await appNamed(page, name)).toBeUndefined();
  await context.close();
});

test('an S2S app’s secret is shown once after create and after regenerate, and can be copied', async ({ browser }, testInfo) => {
  const { context, page } = await adminPage(browser, superAdmin, '/admin/apps');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const name = `e2e-s2s-${Date.now().toString(36)}`;

  await page.getByRole('button', { name: 'Create app' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create an app' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'S2S — server to server' });
  await expect(dialog.getByRole('group', { name: 'Redirect URIs', exact: true })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(toast(page)).toContainText(`App ${name} created.`);

  const shown = page.getByRole('dialog', { name: `Client secret of ${name}` });
  await expect(shown.getByRole('note')).toContainText('Copy the secret now');
  const secret = await shown.getByRole('textbox', { name: 'Client secret' }).inputValue();
  expect(secret.length).toBeGreaterThanOrEqual(32);
  await checkA11y(page, 'admin-apps-secret', testInfo);
  await shown.getByRole('button', { name: 'Copy the client secret' }).click();
  await expect(shown.getByRole('button', { name: 'Copy the client secret' })).toContainText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await shown.getByRole('button', { name: 'I have copied it' }).click();
  await expect(shown).toBeHidden();
  // gone for good: the list and the app carry no secret
  expect(JSON.stringify(await appNamed(page, name))).not.toContain(secret);

  await row(page, name).getByRole('button', { name: `Regenerate the secret of ${name}` }).click();
  const confirm = page.getByRole('alertdialog', { name: `Regenerate the secret of ${name}?` });
  await checkA11y(page, 'admin-apps-regenerate', testInfo);
  await confirm.getByRole('button', { name: 'Regenerate secret' }).click();
  await expect(toast(page)).toContainText(`A new secret for ${name} was created.`);
  const again = page.getByRole('dialog', { name: `Client secret of ${name}` });
  const regenerated = await again.getByRole('textbox', { name: 'Client secret' }).inputValue();
  expect(regenerated.length).toBeGreaterThanOrEqual(32);
  expect(regenerated).not.toBe(secret);
  await page.keyboard.press('Escape');

  const created = await appNamed(page, name);
  expect(await apiFromPage(page, `/api/v1/apps/${created!.id}`, { method: 'DELETE' })).toMatchObject({ status: 204 });
  await context.close();
});

test('a super_admin assigns a banner to a SPA from its dialog and unassigns it', async ({ browser }, testInfo) => {
  const { context, page } = await adminPage(browser, superAdmin, '/admin/apps');
  const name = `e2e-banner-app-${Date.now().toString(36)}`;
  const text = `Banner for ${name}`;
  const created = await apiFromPage(page, '/api/v1/apps', { method: 'POST', body: { name, type: 'spa', redirectUris: ['https://banner.example.com/cb'] } });
  const appId = created.body!.app.id as string;
  const banner = await apiFromPage(page, '/api/v1/app-banners', { method: 'POST', body: { type: 'warning', text } });
  const bannerId = banner.body!.appBanner.id as string;
  const appIdsOfBanner = async () => (await apiFromPage(page, `/api/v1/app-banners/${bannerId}`)).body!.appBanner.appIds as string[];

  const openEdit = async () => {
    await page.goto(`/admin/apps?q=${name}`);
    await row(page, name).getByRole('button', { name: `Edit ${name}` }).click();
    const edit = page.getByRole('dialog', { name: `Edit app ${name}` });
    return { edit, banners: edit.getByRole('group', { name: 'Banners' }) };
  };

  let { edit, banners } = await openEdit();
  const checkbox = banners.getByRole('checkbox', { name: text });
  await expect(checkbox).not.toBeChecked();
  await checkbox.focus();
  await page.keyboard.press('Space');
  await expect(checkbox).toBeChecked();
  await checkA11y(page, 'admin-apps-edit-banners', testInfo);
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(toast(page)).toContainText(`App ${name} saved.`);
  await expect(edit).toBeHidden();
  expect(await appIdsOfBanner()).toEqual([appId]);

  ({ edit, banners } = await openEdit());
  await expect(banners.getByRole('checkbox', { name: text })).toBeChecked(); // preselected from the API
  await banners.getByRole('checkbox', { name: text }).uncheck();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  expect(await appIdsOfBanner()).toEqual([]);

  // the dialog's other states, with the banner list answered by the test
  const isBannerList = (url: URL) => url.pathname === '/api/v1/app-banners';
  const answerBannerList = (status: number, body: unknown) => page.route(isBannerList, (route) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) }));
  await answerBannerList(200, { appBanners: [] });
  ({ edit, banners } = await openEdit());
  await expect(banners.getByTestId('empty-state')).toContainText('No banners yet.');
  await expect(banners.getByRole('link', { name: 'Open the Banners page' })).toHaveAttribute('href', '/admin/banners');
  await checkA11y(page, 'admin-apps-edit-banners-empty', testInfo);

  await page.unroute(isBannerList);
  await answerBannerList(500, { error: 'server_error', message: 'Something broke.' });
  ({ edit, banners } = await openEdit());
  await expect(banners.getByRole('alert')).toContainText('The banners could not be loaded.');
  await checkA11y(page, 'admin-apps-edit-banners-error', testInfo);
  await page.unroute(isBannerList);
  await banners.getByRole('button', { name: 'Retry' }).click();
  await expect(banners.getByRole('checkbox', { name: text })).not.toBeChecked();

  await answerBannerList(400, { error: 'feature_disabled', message: 'App banners are disabled (ENABLE_APP_BANNER=false).' });
  ({ edit, banners } = await openEdit());
  await expect(banners).toContainText('Banners are turned off.');
  await expect(banners.getByRole('checkbox')).toHaveCount(0);
  await page.unroute(isBannerList);

  expect(await apiFromPage(page, `/api/v1/app-banners/${bannerId}`, { method: 'DELETE' })).toMatchObject({ status: 204 });
  expect(await apiFromPage(page, `/api/v1/apps/${appId}`, { method: 'DELETE' })).toMatchObject({ status: 204 });
  await context.close();
});

test('a read-only role (read_app) sees the apps but no write buttons, views an app read-only, and the API refuses its write', async ({ browser }, testInfo) => {
  const reader = await createAdminWithScopes(fixtures, 'apps-reader', ['read_app']);
  const api = await adminApi(fixtures);
  const name = `e2e-viewed-${Date.now().toString(36)}`;
  const text = `Banner of ${name}`;
  const app = await api.call<{ app: { id: string } }>('POST', '/api/v1/apps', { name, type: 'spa', redirectUris: ['https://viewed.example.com/cb'] });
  expect(app.status).toBe(201);
  const banner = await api.call<{ appBanner: { id: string } }>('POST', '/api/v1/app-banners', { type: 'info', text });
  expect(banner.status).toBe(201);
  expect((await api.call('PUT', `/api/v1/apps/${app.body.app.id}/banners`, { bannerIds: [banner.body.appBanner.id] })).status).toBe(200);

  const { context, page } = await adminPage(browser, reader, '/admin/apps');
  await expect(page.getByTestId('data-row').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create app' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^(Edit|Delete|Regenerate) / })).toHaveCount(0);
  await checkA11y(page, 'admin-apps-read-only', testInfo);

  // View: the app's dialog with every field disabled, its banners listed, Close but no Save
  await page.getByRole('searchbox', { name: 'Search' }).fill(name);
  const view = row(page, name).getByRole('button', { name: `View ${name}` });
  await view.click();
  const dialog = page.getByRole('dialog', { name: `App ${name}` });
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveValue(name);
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toBeDisabled();
  await expect(dialog.getByRole('textbox', { name: 'Redirect URI 1', exact: true })).toHaveValue('https://viewed.example.com/cb');
  await expect(dialog.getByRole('textbox', { name: 'Redirect URI 1', exact: true })).toBeDisabled();
  await expect(dialog.getByRole('switch', { name: 'Active' })).toBeDisabled();
  await expect(dialog.getByRole('group', { name: 'Banners' }).getByRole('list', { name: 'Banners' })).toContainText(text);
  // the lists show their values only: no Add, no remove buttons that could never be used
  await expect(dialog.getByRole('group', { name: 'Redirect URIs', exact: true }).getByRole('button')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await checkA11y(page, 'admin-apps-view', testInfo);
  await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();
  await expect(dialog).toBeHidden();
  await expect(view).toBeFocused();
  const forced = await apiFromPage(page, '/api/v1/apps', { method: 'POST', body: { name: 'e2e-forced', type: 'spa' } });
  expect(forced).toMatchObject({ status: 403, body: { error: 'insufficient_scope' } });
  await context.close();
});

test('a plain user gets "no access"', async ({ browser }) => {
  const plain = await createPlainUser(fixtures, 'apps-plain');
  const { context, page } = await adminPage(browser, plain, '/admin/apps');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('No access');
  await context.close();
});
