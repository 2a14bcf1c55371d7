// /admin/saml on a server of its own with ENABLE_SAML_SSO_AS_SP: a super_admin adds a SAML
// identity provider (metadata refused on the field when it carries a DOCTYPE), edits its mapping
// and status, checks the API's record and deletes it with typed confirmation; an admin whose role
// has manage_saml manages them too; a role without it gets "no access to this section" and its
// forced write gets 403; a plain user gets "no access". axe (light and dark) on every state.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { adminPage, apiFromPage, checkA11y, createAdminWithScopes, createPlainUser, createSuperAdmin } from './support/admin-ui';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';
import { startOwnServer } from './support/hosted';

test.describe.configure({ timeout: 240_000 });
const expect = baseExpect.configure({ timeout: 10_000 });

let fixtures: E2eFixtures;
let superAdmin: E2eUser;
let stop: () => Promise<void>;
const PATH = '/admin/saml';
const METADATA =
  '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/e2e">' +
  '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">' +
  '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>' +
  '</md:IDPSSODescriptor></md:EntityDescriptor>';

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const server = await startOwnServer('admin-saml', { ENABLE_SAML_SSO_AS_SP: 'true' });
  stop = server.stop;
  fixtures = { ...loadFixtures(), baseURL: server.baseURL, issuer: server.baseURL, clientId: server.clientId, redirectUri: server.redirectUri, cliEnv: server.cliEnv };
  superAdmin = await createSuperAdmin(fixtures, 'saml-super');
});

test.afterAll(async () => {
  await stop?.();
});

const row = (page: Page, name: string) => page.getByTestId('data-row').filter({ has: page.getByRole('rowheader', { name }) });
const toast = (page: Page) => page.getByTestId('toasts-status');

test('a super_admin adds, edits and deletes a SAML identity provider', async ({ browser }, testInfo) => {
  const { context, page } = await adminPage(browser, superAdmin, `${fixtures.baseURL}${PATH}`);
  const name = `okta-${Date.now().toString(36)}`;
  await expect(page.getByRole('heading', { level: 1, name: 'SAML identity providers' })).toBeVisible();
  await expect(page.getByTestId('empty-state')).toContainText('No SAML identity providers yet.');
  await checkA11y(page, 'admin-saml-empty', testInfo);

  await page.getByRole('button', { name: 'Add identity provider' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Add a SAML identity provider' });
  await expect(dialog.getByRole('textbox', { name: 'Name', exact: true })).toBeFocused();
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await page.keyboard.type('uid');
  await dialog.getByRole('textbox', { name: 'Email attribute' }).fill('mail');
  await dialog.getByRole('textbox', { name: 'Metadata XML' }).fill('<!DOCTYPE x><EntityDescriptor></EntityDescriptor>');
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(dialog.getByRole('textbox', { name: 'Metadata XML' })).toHaveAttribute('aria-invalid', 'true');
  await checkA11y(page, 'admin-saml-create-invalid', testInfo);
  await dialog.getByRole('textbox', { name: 'Metadata XML' }).fill(METADATA);
  await dialog.getByRole('button', { name: 'Create', exact: true }).press('Enter');
  await expect(toast(page)).toContainText(`Identity provider ${name} added.`);
  await expect(dialog).toBeHidden();
  await expect(row(page, name)).toContainText('Active');
  await expect(row(page, name)).toContainText('uid');
  await expect(row(page, name)).toContainText('mail');
  await checkA11y(page, 'admin-saml-list', testInfo);

  await row(page, name).getByRole('button', { name: `Edit identity provider ${name}` }).click();
  const edit = page.getByRole('dialog', { name: `Edit ${name}` });
  await expect(edit.getByRole('textbox', { name: 'Name', exact: true })).toHaveAttribute('readonly', '');
  await expect(edit.getByRole('textbox', { name: 'Metadata XML' })).toHaveValue(METADATA);
  await checkA11y(page, 'admin-saml-edit', testInfo);
  await edit.getByRole('textbox', { name: 'Email attribute' }).fill('');
  await edit.getByRole('textbox', { name: 'First name attribute' }).fill('givenName');
  await edit.getByRole('switch', { name: 'Active' }).click();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(toast(page)).toContainText(`Identity provider ${name} saved.`);
  await expect(row(page, name)).toContainText('Inactive');
  await expect(row(page, name)).toContainText('Not mapped');
  const listed = await apiFromPage(page, '/api/v1/saml/idps');
  const saved = (listed.body!.idps as { name: string }[]).find((idp) => idp.name === name);
  expect(saved).toMatchObject({ isActive: false, userIdAttribute: 'uid', emailAttribute: null, firstNameAttribute: 'givenName', lastNameAttribute: null, metadata: METADATA });

  // the URL keeps the search: a bookmark finds it again
  await page.getByRole('searchbox').fill(name);
  await expect(page).toHaveURL(new RegExp(`q=${name}`));
  await expect(row(page, name)).toHaveCount(1);

  await row(page, name).getByRole('button', { name: `Delete identity provider ${name}` }).click();
  const confirm = page.getByRole('alertdialog', { name: `Delete ${name}?` });
  await expect(confirm.getByRole('button', { name: 'Delete', exact: true })).toBeDisabled();
  await confirm.getByRole('textbox').fill(name);
  await checkA11y(page, 'admin-saml-delete', testInfo);
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(toast(page)).toContainText(`Identity provider ${name} deleted.`);
  await expect(row(page, name)).toHaveCount(0);
  await context.close();
});

test('an admin role with manage_saml manages the providers; without it the section is denied and the API refuses', async ({ browser }, testInfo) => {
  const manager = await createAdminWithScopes(fixtures, 'saml-manager', ['manage_saml']);
  const managing = await adminPage(browser, manager, `${fixtures.baseURL}${PATH}`);
  await expect(managing.page.getByRole('heading', { level: 1, name: 'SAML identity providers' })).toBeVisible();
  await expect(managing.page.getByRole('button', { name: 'Add identity provider' })).toBeVisible();
  const created = await apiFromPage(managing.page, '/api/v1/saml/idps', { method: 'POST', body: { name: `mgr-${Date.now().toString(36)}`, userIdAttribute: 'uid', metadata: METADATA } });
  expect(created.status).toBe(201);
  await managing.context.close();

  const userReader = await createAdminWithScopes(fixtures, 'saml-other', ['read_user']);
  const other = await adminPage(browser, userReader, `${fixtures.baseURL}${PATH}`);
  await expect(other.page.getByTestId('admin-section-denied')).toBeVisible();
  await expect(other.page.getByRole('navigation', { name: 'Dashboard sections' }).getByRole('link', { name: 'SAML identity providers' })).toHaveCount(0);
  await checkA11y(other.page, 'admin-saml-section-denied', testInfo);
  const forced = await apiFromPage(other.page, '/api/v1/saml/idps', { method: 'POST', body: { name: 'forced', userIdAttribute: 'uid', metadata: METADATA } });
  expect(forced).toMatchObject({ status: 403, body: { error: 'insufficient_scope' } });
  await other.context.close();

  const plain = await createPlainUser(fixtures, 'saml-plain');
  const { context, page } = await adminPage(browser, plain, `${fixtures.baseURL}${PATH}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('No access');
  await checkA11y(page, 'admin-saml-no-access', testInfo);
  await context.close();
});
