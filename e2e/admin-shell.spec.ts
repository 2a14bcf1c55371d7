// The admin console's frame: navigation limited to the session's rights (super_admin sees every
// section, a custom role only its own), the phone-width menu, the locale switcher, keyboard skip
// link, and axe in light and dark mode.
import { expect, test } from '@playwright/test';
import { adminPage, checkA11y, createAdminWithScopes, createSuperAdmin, signInToAdmin } from './support/admin-ui';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';

test.describe.configure({ timeout: 90_000 });

const ALL_SECTIONS = ['dashboard', 'users', 'roles', 'scopes', 'apps', 'orgs', 'userAttributes', 'banners', 'logs', 'audit', 'saml', 'webhooks', 'apiKeys', 'account'];

let fixtures: E2eFixtures;
let superAdmin: E2eUser;
let scopeReader: E2eUser;

test.beforeAll(async () => {
  test.setTimeout(180_000); // CLI and API calls are slow on a loaded machine
  fixtures = loadFixtures();
  superAdmin = await createSuperAdmin(fixtures, 'shell-super');
  scopeReader = await createAdminWithScopes(fixtures, 'shell-scope-reader', ['read_scope']);
});

test('a super_admin sees every section, the user, a locale switcher and sign-out; the page passes axe in light and dark', async ({ browser }, testInfo) => {
  const { context, page } = await adminPage(browser, superAdmin);
  const nav = page.getByRole('navigation', { name: 'Dashboard sections' });
  await expect(nav.getByRole('link')).toHaveCount(ALL_SECTIONS.length);
  expect(await page.getByTestId('admin-nav').locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('data-section')))).toEqual(ALL_SECTIONS);
  await expect(nav.getByRole('link', { name: 'Dashboard' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('admin-user')).toContainText(superAdmin.email);
  await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
  await checkA11y(page, 'admin-shell-home', testInfo);

  // keyboard: the first Tab reaches the skip link, which moves focus to the main content
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#admin-main')).toBeFocused();

  // locale switcher: the console in Chinese, then back
  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: '简体中文' }).click();
  await expect(page.getByRole('navigation', { name: '控制台栏目' }).getByRole('link', { name: '权限范围' })).toBeVisible();
  await checkA11y(page, 'admin-shell-home-zh-CN', testInfo);
  await page.getByRole('navigation', { name: '语言' }).getByRole('link', { name: 'English' }).click();
  await expect(nav.getByRole('link', { name: 'Scopes' })).toBeVisible();
  await context.close();
});

test('a custom role sees only the sections its rights allow', async ({ browser }) => {
  const { context, page } = await adminPage(browser, scopeReader);
  const nav = page.getByRole('navigation', { name: 'Dashboard sections' });
  expect(await page.getByTestId('admin-nav').locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('data-section')))).toEqual(['dashboard', 'scopes', 'account']);
  await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await expect(page.getByTestId('admin-rights').locator('li[data-scope="read_scope"]')).toBeVisible();
  await context.close();
});

test('at phone width the navigation is behind a Menu button', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signInToAdmin(page, superAdmin);
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('navigation', { name: 'Dashboard sections' })).toBeHidden();
  await checkA11y(page, 'admin-shell-phone', testInfo);
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('navigation', { name: 'Dashboard sections' }).getByRole('link', { name: 'Users' })).toBeVisible();
  await checkA11y(page, 'admin-shell-phone-menu', testInfo);
  await context.close();
});

test('the home page: endpoints, activity charts with a 7 / 30 day switch in the URL, and the public configuration only', async ({ browser }, testInfo) => {
  const { context, page } = await adminPage(browser, superAdmin);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  const endpoints = page.getByTestId('admin-endpoints');
  await expect(endpoints.getByRole('link', { name: 'OpenID Connect discovery' })).toHaveAttribute('href', '/.well-known/openid-configuration');
  await expect(endpoints.getByRole('link', { name: 'JSON Web Key Set (JWKS)' })).toHaveAttribute('href', '/.well-known/jwks.json');
  await expect(endpoints.getByRole('link', { name: 'S2S API reference (Swagger UI)' })).toHaveAttribute('href', '/api/v1/swagger');
  await expect(endpoints.getByRole('link', { name: 'Embedded Auth API reference (Swagger UI)' })).toHaveAttribute('href', '/api/v1/embedded-swagger');
  await expect(endpoints.getByRole('link', { name: 'Server information (/info)' })).toHaveAttribute('href', '/info');

  // totals and charts from GET /api/v1/stats (sign-ins are counted only with ENABLE_SIGN_IN_LOG)
  const stats = page.getByTestId('admin-stats');
  await expect(page.getByTestId('stats-total-newUsers')).toHaveText(/^[1-9][\d,]*$/); // this test's users
  await expect(stats.getByRole('img', { name: /^Sign-ins per day, last 7 days: \d+ in total/ })).toBeVisible();
  await page.getByRole('button', { name: 'Last 30 days' }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get('days') === '30');
  await expect(page.getByRole('button', { name: 'Last 30 days' })).toHaveAttribute('aria-pressed', 'true');
  await expect(stats.getByRole('img', { name: /^Sign-ins per day, last 30 days/ })).toBeVisible();
  await page.getByText('Show the numbers as a table').click();
  await expect(page.getByRole('table', { name: 'Activity per UTC day, last 30 days' }).locator('tbody tr')).toHaveCount(30);

  const configuration = page.getByTestId('admin-configuration');
  await expect(configuration.locator('tr[data-variable="AUTH_SERVER_URL"]')).toContainText(fixtures.baseURL);
  await expect(configuration.locator('tr[data-variable="SECRET_KEY"]')).toHaveCount(0);
  await expect(configuration.locator('tr[data-variable="DATABASE_URL"]')).toHaveCount(0);
  await checkA11y(page, 'admin-home', testInfo);
  await context.close();
});

// Bug guarded: Radix's scroll lock injected a <style> element without the CSP nonce, so the
// browser refused it (a CSP violation) and the page behind an open dialog kept scrolling.
test('an open dialog locks page scrolling without breaking the Content-Security-Policy', async ({ browser }) => {
  const { context, page } = await adminPage(browser, superAdmin, '/admin/scopes');
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.getByRole('button', { name: 'Create scope' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).overflow)).toBe('hidden');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(violations).toEqual([]);
  await context.close();
});
