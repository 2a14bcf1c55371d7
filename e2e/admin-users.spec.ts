// /admin/users: a super_admin creates a user (keyboard only), finds it with the URL-driven search,
// edits the profile, roles and metadata, enrolls and removes an MFA factor, sees the empty account
// sections, resends the verification email and deletes the user; bulk deactivate and delete with
// confirmation; import from an NDJSON file with per-row results; revokes a real session and
// consent (the user signed in to an app through the hosted pages): each leaves the list at once,
// and a revoke the server refuses comes back with an error; an org group box flips at once and back
// when refused. A read-only role (read_user) sees users but no write button and its forced write is
// refused; a plain user gets "no access". axe (light and dark) and screenshots on every state.
import { expect as baseExpect, test, type Browser, type Page, type Route } from '@playwright/test';
import { adminApi, type AdminApi } from './support/admin-api';
import { adminPage, apiFromPage, checkA11y, createAdminWithScopes, createPlainUser, createSuperAdmin } from './support/admin-ui';
import { createTestSpa, type TestSpa } from './support/apps';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';
import { authorizationRequest, finishAtCallback, interceptCallback, type RelyingParty } from './support/hosted';
import { createTestUser } from './support/users';

test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

let fixtures: E2eFixtures;
let superAdmin: E2eUser;
let api: AdminApi;

test.beforeAll(async () => {
  fixtures = loadFixtures();
  superAdmin = await createSuperAdmin(fixtures, 'users-super');
  api = await adminApi(fixtures);
});

const alertToast = (page: Page) => page.getByTestId('toasts-alert');
const row = (page: Page, email: string) => page.getByTestId('data-row').filter({ has: page.getByRole('rowheader', { name: email, exact: true }) });
const toast = (page: Page) => page.getByTestId('toasts-status');
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function tabTo(page: Page, target: ReturnType<Page['getByRole']>, limit = 80) {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error('not reachable with Tab');
}

/**
 * Answers the next request matching `matches` with a 500, but only when `release` is called: what
 * the page shows while the write is under way can be checked first.
 */
async function refuseOnceWhenReleased(page: Page, matches: (url: URL) => boolean): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    matches,
    async (route: Route) => {
      await released;
      await route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: 'server_error', message: 'Refused by the test.' }) });
    },
    { times: 1 },
  );
  return release;
}

/** `user` signs in to `spa` through the hosted pages in a context of its own, with offline_access: a real consent and session. */
async function signInToApp(browser: Browser, user: E2eUser, spa: TestSpa): Promise<void> {
  const rp: RelyingParty = { baseURL: fixtures.baseURL, clientId: spa.clientId, redirectUri: spa.redirectUri, cliEnv: fixtures.cliEnv };
  const context = await browser.newContext({ locale: 'en-US' });
  await interceptCallback(context, rp);
  const page = await context.newPage();
  const pending = authorizationRequest(rp, { scope: 'openid profile offline_access' });
  await page.goto(pending.url);
  const form = page.getByTestId('sign-in-form');
  const submit = form.getByRole('button', { name: 'Sign in', exact: true });
  await expect(submit).toBeEnabled(); // disabled until hydrated
  await form.getByLabel('Email').fill(user.email);
  await form.getByLabel('Password').fill(user.password);
  await submit.click();
  await finishAtCallback(page, rp, pending); // allows the consent page on the way
  await context.close();
}

async function createUsers(prefix: string, count: number): Promise<string[]> {
  const emails = Array.from({ length: count }, (_, index) => `${prefix}-${index}@example.com`);
  for (const email of emails) {
    const created = await api.call('POST', '/api/v1/users', { email, password: 'Pw-12345678', firstName: 'Bulk' });
    expect(created.status).toBe(201);
  }
  return emails;
}

test('a super_admin creates a user by keyboard, edits it in every section and deletes it', async ({ browser }, testInfo) => {
  const { context, page } = await adminPage(browser, superAdmin, '/admin/users');
  const email = `e2e-ui-${unique()}@example.com`;
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Dashboard sections' }).getByRole('link', { name: 'Users' })).toHaveAttribute('aria-current', 'page');
  await expect(row(page, superAdmin.email)).toBeVisible();
  await checkA11y(page, 'admin-users-list', testInfo);

  // create, keyboard only; an empty submit puts the error on the email field
  const create = page.getByRole('button', { name: 'Create user' });
  await tabTo(page, create);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Create a user' });
  const emailField = dialog.getByRole('textbox', { name: 'Email' });
  await expect(emailField).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(emailField).toHaveAttribute('aria-invalid', 'true');
  await checkA11y(page, 'admin-users-create-invalid', testInfo);
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type('short');
  await page.keyboard.press('Tab'); // first name
  await page.keyboard.type('Ada');
  await page.keyboard.press('Tab'); // last name
  await page.keyboard.type('Lovelace');
  await page.keyboard.press('Enter');
  await expect(dialog.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('Password').fill('Pw-12345678');
  await page.keyboard.press('Enter');
  await expect(toast(page)).toContainText(`User ${email} created.`);

  // the new user's page
  await expect(page).toHaveURL(/\/admin\/users\/[0-9a-f-]{36}$/);
  const authId = page.url().split('/').pop()!;
  await expect(page.getByRole('heading', { level: 1, name: email })).toBeVisible();
  await expect(page.getByText('Ada Lovelace')).toBeVisible();
  await checkA11y(page, 'admin-users-detail', testInfo);

  // profile: rename and deactivate
  await page.getByRole('textbox', { name: 'First name' }).fill('Augusta');
  await page.getByRole('switch', { name: 'Active' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(toast(page)).toContainText(`User ${email} saved.`);
  await expect(page.getByText('Augusta Lovelace')).toBeVisible();
  await expect(page.getByText('Inactive', { exact: true })).toBeVisible();
  expect((await apiFromPage(page, `/api/v1/users/${authId}`)).body!.user).toMatchObject({ firstName: 'Augusta', isActive: false });

  // roles: the tab is in the URL, the arrow keys move between tabs
  await page.getByRole('tab', { name: 'Profile' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Roles and orgs' })).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/tab=access/);
  const roleName = `e2e-users-role-${unique()}`;
  expect((await api.call('POST', '/api/v1/roles', { name: roleName, note: 'from e2e' })).status).toBe(201);
  await page.reload();
  await page.getByRole('checkbox', { name: new RegExp(`^${roleName}`) }).check();
  await page.getByRole('region', { name: 'Roles' }).getByRole('button', { name: 'Save' }).click();
  await expect(toast(page)).toContainText(`User ${email} saved.`);
  expect((await apiFromPage(page, `/api/v1/users/${authId}`)).body!.user.roles).toEqual([roleName]);
  await checkA11y(page, 'admin-users-detail-access', testInfo);

  // metadata: invalid JSON stays on the field; a removed key is deleted on the server
  expect((await api.call('PUT', `/api/v1/users/${authId}`, { metadata: { plan: 'free', legacy: true } })).status).toBe(200);
  await page.getByRole('tab', { name: 'Metadata' }).click();
  await expect(page).toHaveURL(/tab=metadata/);
  await page.reload();
  const metadata = page.getByRole('textbox', { name: 'Metadata (JSON)' });
  await expect(metadata).toHaveValue(/"legacy": true/);
  await metadata.fill('{"plan": ');
  await page.getByRole('region', { name: 'Metadata' }).getByRole('button', { name: 'Save' }).click();
  await expect(metadata).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('This is not valid JSON.')).toBeVisible();
  await checkA11y(page, 'admin-users-detail-metadata-invalid', testInfo);
  await metadata.fill('{"plan": "pro", "seats": 3}');
  await page.getByRole('region', { name: 'Metadata' }).getByRole('button', { name: 'Save' }).click();
  await expect(toast(page)).toContainText(`User ${email} saved.`);
  expect((await apiFromPage(page, `/api/v1/users/${authId}`)).body!.user.metadata).toEqual({ plan: 'pro', seats: 3 });

  // MFA: enroll email, then remove it after confirming
  await page.getByRole('tab', { name: 'MFA' }).click();
  await page.getByRole('button', { name: 'Enroll in Email code' }).click();
  await expect(toast(page)).toContainText('Email code enrolled.');
  await page.getByRole('button', { name: 'Remove Email code' }).click();
  const removeMfa = page.getByRole('alertdialog', { name: 'Remove Email code?' });
  await checkA11y(page, 'admin-users-detail-mfa-remove', testInfo);
  await removeMfa.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(removeMfa).toBeHidden();
  await expect(page.getByRole('button', { name: 'Enroll in Email code' })).toBeFocused(); // the factor's button, flipped
  await expect(toast(page)).toContainText('Email code removed.');

  // the account sections of a fresh user are empty, not broken
  for (const [tab, text] of [
    ['Passkeys', 'No passkeys.'],
    ['Consents', 'No consented apps.'],
    ['Sessions', 'No active sessions.'],
    ['Security', 'No locked addresses.'],
  ] as const) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByText(text)).toBeVisible();
  }
  await expect(page.getByText('Not linked.')).toHaveCount(0); // a writer gets the link form instead
  await expect(page.getByRole('textbox', { name: 'Auth ID of the account to link' })).toBeVisible();
  await checkA11y(page, 'admin-users-detail-security', testInfo);

  // resend verification (the user is unverified)
  await page.getByRole('button', { name: 'Resend verification email' }).click();
  await expect(toast(page)).toContainText(`Verification email sent to ${email}.`);

  // delete: confirmed by typing the address, back on the list where a search finds nothing
  await page.getByRole('button', { name: 'Delete user' }).click();
  const confirm = page.getByRole('alertdialog', { name: `Delete user ${email}?` });
  await expect(confirm.getByRole('button', { name: 'Delete', exact: true })).toBeDisabled();
  await checkA11y(page, 'admin-users-delete', testInfo);
  await confirm.getByRole('textbox', { name: `Type ${email} to confirm` }).fill(email);
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(toast(page)).toContainText(`User ${email} deleted.`);
  await expect(page).toHaveURL(/\/admin\/users$/);
  await page.getByRole('searchbox', { name: 'Search' }).fill(email);
  await expect(page).toHaveURL((url) => url.searchParams.get('q') === email);
  await expect(page.getByTestId('empty-state')).toContainText(`Nothing matches “${email}”.`);
  await checkA11y(page, 'admin-users-empty', testInfo);
  await context.close();
});

test('bulk deactivate and delete the selected users, with a server-side search in the URL', async ({ browser }, testInfo) => {
  const prefix = `e2e-bulk-${unique()}`;
  const emails = await createUsers(prefix, 3);
  const { context, page } = await adminPage(browser, superAdmin, `/admin/users?q=${prefix}&sort=email&order=asc`);
  await expect(page.getByTestId('data-row')).toHaveCount(3);
  await expect(page.getByTestId('data-row').first()).toContainText(emails[0]!);

  // sort descending by email from the header: the URL follows (descending is the list's default order)
  await page.getByRole('button', { name: /^Email/ }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get('sort') === 'email' && !url.searchParams.has('order'));
  await expect(page.getByTestId('data-row').first()).toContainText(emails[2]!);

  await page.getByRole('checkbox', { name: 'Select all users on this page' }).check();
  await expect(page.getByText('3 users selected')).toBeVisible();
  await checkA11y(page, 'admin-users-bulk-selected', testInfo);
  await page.getByRole('button', { name: 'Deactivate', exact: true }).click();
  const deactivate = page.getByRole('alertdialog', { name: 'Deactivate 3 users?' });
  await deactivate.getByRole('button', { name: 'Deactivate', exact: true }).click();
  await expect(toast(page)).toContainText('3 users deactivated.');
  for (const email of emails) await expect(row(page, email)).toContainText('Inactive');

  await page.getByRole('checkbox', { name: `Select ${emails[0]}` }).check();
  await page.getByRole('checkbox', { name: `Select ${emails[1]}` }).check();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const remove = page.getByRole('alertdialog', { name: 'Delete 2 users?' });
  await expect(remove.getByRole('button', { name: 'Delete', exact: true })).toBeDisabled();
  await checkA11y(page, 'admin-users-bulk-delete', testInfo);
  await remove.getByRole('textbox', { name: 'Type 2 to confirm' }).fill('2');
  await remove.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(toast(page)).toContainText('2 users deleted.');
  await expect(page.getByTestId('data-row')).toHaveCount(1);
  await expect(row(page, emails[2]!)).toBeVisible();
  await context.close();
});

test('import users from an NDJSON file and see the result of every row', async ({ browser }, testInfo) => {
  const prefix = `e2e-import-${unique()}`;
  const [existing] = await createUsers(prefix, 1);
  const fresh = `${prefix}-new@example.com`;
  const { context, page } = await adminPage(browser, superAdmin, '/admin/users');
  await page.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import users' });
  await checkA11y(page, 'admin-users-import', testInfo);

  await dialog.getByLabel('File').setInputFiles({ name: 'bad.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from('{"email":"x@example.com"}\n{oops\n') });
  await expect(dialog.getByRole('alert')).toContainText('Line 2: not valid JSON.');
  await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();

  const ndjson = [{ email: fresh, firstName: 'Imported', password: 'Pw-12345678' }, { email: existing }].map((line) => JSON.stringify(line)).join('\n');
  await dialog.getByLabel('File').setInputFiles({ name: 'users.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(ndjson) });
  await expect(dialog.getByText('2 users ready to import from users.ndjson.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByText('Created: 1, skipped: 1, errors: 0')).toBeVisible();
  await expect(dialog.getByTestId('import-result').filter({ hasText: fresh })).toContainText('Created');
  await expect(dialog.getByTestId('import-result').filter({ hasText: existing! })).toContainText('Skipped');
  await checkA11y(page, 'admin-users-import-results', testInfo);
  await dialog.getByRole('link', { name: fresh }).click();
  await expect(page.getByRole('heading', { level: 1, name: fresh })).toBeVisible();
  await context.close();
});

test('revoking a real session or consent takes it off the list at once; a revoke the server refuses comes back', async ({ browser }, testInfo) => {
  const user = await createTestUser(fixtures, 'users-revoke');
  const spa = await createTestSpa(fixtures, 'users-revoke');
  const appName = 'E2E users-revoke'; // createTestSpa's name
  await signInToApp(browser, user, spa);
  const { context, page } = await adminPage(browser, superAdmin, `/admin/users/${user.authId}?tab=sessions`);
  const sessionsOnServer = async () => (await apiFromPage(page, `/api/v1/users/${user.authId}/active-sessions`)).body!.activeSessions as unknown[];
  const consentsOnServer = async () => (await apiFromPage(page, `/api/v1/users/${user.authId}/consented-apps`)).body!.consentedApps as unknown[];

  const sessions = page.getByRole('region', { name: 'Sessions' });
  const session = sessions.getByTestId('user-item').filter({ hasText: appName });
  await expect(session).toHaveCount(1);
  await checkA11y(page, 'admin-users-sessions', testInfo);

  // refused: the session leaves at once, the dialog closes onto the heading; the 500 brings it back
  const release = await refuseOnceWhenReleased(page, (url) => url.pathname.startsWith(`/api/v1/users/${user.authId}/active-sessions/`));
  const revokeSession = session.getByRole('button', { name: `Revoke session in ${appName}` });
  await revokeSession.click();
  const confirmSession = page.getByRole('alertdialog', { name: `Revoke the session in ${appName}?` });
  await confirmSession.getByRole('button', { name: 'Revoke', exact: true }).click();
  await expect(confirmSession).toBeHidden();
  await expect(session).toHaveCount(0);
  await expect(sessions.getByText('No active sessions.')).toBeVisible();
  await expect(sessions.getByRole('heading', { level: 2, name: 'Sessions' })).toBeFocused();
  await checkA11y(page, 'admin-users-session-revoking', testInfo);
  release();
  await expect(alertToast(page)).toContainText('Something went wrong on the server. Please try again.');
  await expect(session).toHaveCount(1);
  expect(await sessionsOnServer()).toHaveLength(1);
  await checkA11y(page, 'admin-users-session-revoke-refused', testInfo);

  // allowed: gone at once, and the API agrees
  await revokeSession.click();
  await confirmSession.getByRole('button', { name: 'Revoke', exact: true }).click();
  await expect(session).toHaveCount(0);
  await expect(toast(page)).toContainText(`Session in ${appName} revoked.`);
  expect(await sessionsOnServer()).toEqual([]);

  await page.getByRole('tab', { name: 'Consents' }).click();
  const consents = page.getByRole('region', { name: 'Consents' });
  const consent = consents.getByTestId('user-item').filter({ hasText: appName });
  await expect(consent).toContainText('openid profile');
  await consent.getByRole('button', { name: `Revoke consent for ${appName}` }).click();
  const confirmConsent = page.getByRole('alertdialog', { name: `Revoke consent for ${appName}?` });
  await checkA11y(page, 'admin-users-consent-revoke', testInfo);
  await confirmConsent.getByRole('button', { name: 'Revoke', exact: true }).click();
  await expect(confirmConsent).toBeHidden();
  await expect(consent).toHaveCount(0);
  await expect(consents.getByRole('heading', { level: 2, name: 'Consents' })).toBeFocused();
  await expect(toast(page)).toContainText(`Consent for ${appName} revoked.`);
  expect(await consentsOnServer()).toEqual([]);
  await context.close();
});

test('an org group box flips at once, and back when the server refuses', async ({ browser }) => {
  const user = await createTestUser(fixtures, 'users-groups');
  const slug = `e2e-groups-${unique()}`;
  const org = await api.call<{ org: { id: string } }>('POST', '/api/v1/orgs', { name: slug, slug });
  expect(org.status).toBe(201);
  const groupName = `Editors ${unique()}`;
  const group = await api.call<{ orgGroup: { id: string } }>('POST', '/api/v1/org-groups', { name: groupName, orgId: org.body.org.id });
  expect(group.status).toBe(201);
  expect((await api.call('POST', `/api/v1/users/${user.authId}/orgs`, { orgs: [org.body.org.id] })).status).toBe(200);
  const { context, page } = await adminPage(browser, superAdmin, `/admin/users/${user.authId}?tab=access`);
  const box = page.getByRole('checkbox', { name: groupName });
  await expect(box).not.toBeChecked();

  const release = await refuseOnceWhenReleased(page, (url) => url.pathname === `/api/v1/users/${user.authId}/org-groups/${group.body.orgGroup.id}`);
  await box.click();
  await expect(box).toBeChecked(); // before the server answers
  release();
  await expect(alertToast(page)).toContainText('Something went wrong on the server. Please try again.');
  await expect(box).not.toBeChecked();

  await box.click();
  await expect(toast(page)).toContainText(`Added to group ${groupName}.`);
  await expect(box).toBeChecked();
  const detail = await apiFromPage(page, `/api/v1/users/${user.authId}`);
  expect(detail.body!.user.orgGroups.map((held: { id: string }) => held.id)).toEqual([group.body.orgGroup.id]);
  await context.close();
});

test('a read-only role (read_user) sees users but no write buttons, and the API refuses its write', async ({ browser }, testInfo) => {
  const reader = await createAdminWithScopes(fixtures, 'users-reader', ['read_user']);
  const { context, page } = await adminPage(browser, reader, '/admin/users');
  await expect(row(page, reader.email)).toBeVisible();
  await expect(page.getByRole('button', { name: /^(Create user|Import)$/ })).toHaveCount(0);
  await expect(page.getByRole('checkbox')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Export (NDJSON)' })).toBeVisible();
  await checkA11y(page, 'admin-users-read-only', testInfo);

  await row(page, reader.email).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: reader.email })).toBeVisible();
  await expect(page.getByRole('button', { name: /^(Delete user|Save|Impersonate|Resend verification email)$/ })).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'First name' })).toBeDisabled();
  await page.getByRole('tab', { name: 'Security' }).click();
  await expect(page.getByText('Not linked.')).toBeVisible();
  await checkA11y(page, 'admin-users-detail-read-only', testInfo);

  const forced = await apiFromPage(page, `/api/v1/users/${reader.authId}`, { method: 'PUT', body: { firstName: 'Forced' } });
  expect(forced).toMatchObject({ status: 403, body: { error: 'insufficient_scope' } });
  await context.close();
});

test('a plain user gets "no access"; an unknown user id shows "not found"', async ({ browser }, testInfo) => {
  const plain = await createPlainUser(fixtures, 'users-plain');
  const denied = await adminPage(browser, plain, '/admin/users');
  await expect(denied.page.getByRole('heading', { level: 1 })).toHaveText('No access');
  await denied.context.close();

  const { context, page } = await adminPage(browser, superAdmin, '/admin/users/00000000-0000-4000-8000-000000000000');
  await expect(page.getByTestId('empty-state')).toContainText('This user does not exist (any more).');
  await checkA11y(page, 'admin-users-not-found', testInfo);
  await context.close();
});
