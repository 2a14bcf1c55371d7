// The console at phone width (issue #7): at 390×844 and at 320×640, every section of
// lib/admin/sections.ts (plus a user's and an org's detail page) is reached through the Menu
// button by keyboard, the menu closes and focus lands on the main content; the document never
// scrolls sideways (a wide table scrolls inside its own focusable, named region); each page's
// create dialog fits the viewport with its buttons on screen; axe (light and dark) has nothing to say.
// One server (every optional section turned on), one sign-in, one page reused throughout.
import { expect as baseExpect, test, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { apiFromPage, checkA11y, createSuperAdmin, signInToAdmin } from './support/admin-ui';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';
import { startOwnServer } from './support/hosted';
import { ADMIN_SECTIONS, type AdminSectionId } from '../lib/admin/sections';

test.describe.configure({ mode: 'serial', timeout: 420_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 320, height: 640 },
] as const;

const METADATA =
  '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/responsive">' +
  '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">' +
  '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>' +
  '</md:IDPSSODescriptor></md:EntityDescriptor>';

/** A page of the console: a section from the navigation, or a detail page opened by URL. */
interface Stop {
  name: string;
  heading: string | RegExp;
  /** The navigation entry that leads there (detail pages are opened by URL). */
  section?: AdminSectionId;
  path: () => string;
  /** The page's create button and the dialog it opens. */
  create?: { button: string; dialog: string }[];
}

let fixtures: E2eFixtures;
let stop: () => Promise<void>;
let superAdmin: E2eUser;
let context: BrowserContext;
let page: Page;
let userId = '';
let userEmail = '';
let orgId = '';

const STOPS: Stop[] = [
  { name: 'dashboard', section: 'dashboard', heading: 'Dashboard', path: () => '/admin' },
  { name: 'users', section: 'users', heading: 'Users', path: () => '/admin/users', create: [{ button: 'Create user', dialog: 'Create a user' }, { button: 'Import', dialog: 'Import users' }] },
  { name: 'user-detail', heading: /./, path: () => `/admin/users/${userId}` },
  { name: 'roles', section: 'roles', heading: 'Roles', path: () => '/admin/roles', create: [{ button: 'Create role', dialog: 'Create a role' }] },
  { name: 'scopes', section: 'scopes', heading: 'Scopes', path: () => '/admin/scopes', create: [{ button: 'Create scope', dialog: 'Create a scope' }] },
  { name: 'apps', section: 'apps', heading: 'Apps', path: () => '/admin/apps', create: [{ button: 'Create app', dialog: 'Create an app' }] },
  { name: 'orgs', section: 'orgs', heading: 'Organizations', path: () => '/admin/orgs', create: [{ button: 'Create org', dialog: 'Create an org' }] },
  { name: 'org-detail', heading: /./, path: () => `/admin/orgs/${orgId}` },
  { name: 'user-attributes', section: 'userAttributes', heading: 'User attributes', path: () => '/admin/user-attributes', create: [{ button: 'Create attribute', dialog: 'Create a user attribute' }] },
  { name: 'banners', section: 'banners', heading: 'Banners', path: () => '/admin/banners', create: [{ button: 'Create banner', dialog: 'Create a banner' }] },
  { name: 'logs', section: 'logs', heading: 'Logs', path: () => '/admin/logs' },
  { name: 'audit', section: 'audit', heading: 'Audit history', path: () => '/admin/audit' },
  { name: 'saml', section: 'saml', heading: 'SAML identity providers', path: () => '/admin/saml', create: [{ button: 'Add identity provider', dialog: 'Add a SAML identity provider' }] },
  { name: 'webhooks', section: 'webhooks', heading: 'Webhooks', path: () => '/admin/webhooks', create: [{ button: 'Add endpoint', dialog: 'Add a webhook endpoint' }] },
  { name: 'api-keys', section: 'apiKeys', heading: 'API keys', path: () => '/admin/api-keys', create: [{ button: 'Create API key', dialog: 'Create an API key' }] },
  { name: 'account', section: 'account', heading: 'Your account', path: () => '/admin/account' },
];

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000);
  const server = await startOwnServer('admin-responsive', { ENABLE_USER_ATTRIBUTE: 'true', ENABLE_SAML_SSO_AS_SP: 'true', ENABLE_EMAIL_LOG: 'true' });
  stop = server.stop;
  fixtures = { ...loadFixtures(), baseURL: server.baseURL, issuer: server.baseURL, clientId: server.clientId, redirectUri: server.redirectUri, cliEnv: server.cliEnv };
  superAdmin = await createSuperAdmin(fixtures, 'responsive-super');
  context = await browser.newContext({ baseURL: server.baseURL, locale: 'en-US', viewport: VIEWPORTS[0] });
  page = await context.newPage();
  await signInToAdmin(page, superAdmin, '/admin');

  // A row in every list, with the long names real deployments have, so that tables are wide.
  const suffix = Date.now().toString(36);
  userEmail = `e2e-responsive-a-rather-long-address-${suffix}@subsidiary.example.com`;
  const created = await apiFromPage(page, '/api/v1/users', { method: 'POST', body: { email: userEmail, password: `Pw-7${suffix}Aa!x`, firstName: 'Maximiliane', lastName: 'Oberhausen-Wittgenstein' } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  userId = String(created.body!.user.authId);
  const org = await apiFromPage(page, '/api/v1/orgs', { method: 'POST', body: { name: 'Northwind International Holdings GmbH & Co. KG', slug: `northwind-international-${suffix}` } });
  expect(org.status, JSON.stringify(org.body)).toBe(201);
  orgId = String(org.body!.org.id);
  const writes = [
    await apiFromPage(page, '/api/v1/user-attributes', { method: 'POST', body: { name: `employee_number_${suffix}`, locales: [{ locale: 'en', value: 'Employee number in the HR system' }] } }),
    await apiFromPage(page, '/api/v1/app-banners', { method: 'POST', body: { type: 'warning', text: 'Scheduled maintenance on Saturday from 02:00 to 04:00 UTC: sign-in may be slow.' } }),
    await apiFromPage(page, '/api/v1/saml/idps', { method: 'POST', body: { name: `okta-${suffix}`, userIdAttribute: 'urn:oid:0.9.2342.19200300.100.1.1', emailAttribute: 'mail', metadata: METADATA } }),
  ];
  for (const write of writes) expect(write.status, JSON.stringify(write.body)).toBe(201);
});

test.afterAll(async () => {
  await context?.close();
  await stop?.();
});

test('the stops cover every section of the console', () => {
  expect(new Set(STOPS.flatMap((stop) => (stop.section ? [stop.section] : [])))).toEqual(new Set(ADMIN_SECTIONS.map((section) => section.id)));
});

for (const viewport of VIEWPORTS) {
  test(`at ${viewport.width}×${viewport.height} every section fits the width, is reached by the menu and passes axe`, async ({}, testInfo) => {
    await page.setViewportSize(viewport);
    for (const stop of STOPS) {
      await test.step(stop.name, async () => {
        const label = `responsive-${viewport.width}-${stop.name}`;
        // the open menu is checked once per width (it is the same on every page)
        if (stop.section) await navigateWithMenu(page, stop.section, stop.path(), stop === STOPS[0] ? { name: `responsive-${viewport.width}-menu`, testInfo } : undefined);
        else await page.goto(stop.path());
        await settle(page, stop.heading);
        await expectNoSidewaysScroll(page, label);
        await checkA11y(page, label, testInfo);
        for (const create of stop.create ?? []) await checkCreateDialog(page, create, `${label}-${slug(create.button)}`, testInfo);
      });
    }
  });
}

test('a wide table scrolls inside its own region, by keyboard too', async () => {
  await page.setViewportSize(VIEWPORTS[1]);
  await page.goto('/admin/users');
  await settle(page, 'Users');
  const region = page.getByRole('region', { name: 'Users' });
  await expect(region).toHaveAttribute('tabindex', '0');
  expect(await region.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  await region.focus();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
});

test('on a phone the audit and log filters fold behind a Filters button that counts those in force', async ({}, testInfo) => {
  await page.setViewportSize(VIEWPORTS[0]);
  await page.goto('/admin/audit?action=user.created');
  await settle(page, 'Audit history');
  const toggle = page.getByRole('button', { name: 'Filters (1)' });
  const form = page.getByRole('form', { name: 'Filters' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(form).toBeHidden();
  await toggle.press('Enter');
  await expect(form).toBeVisible();
  await expect(form.getByLabel('Action', { exact: true })).toHaveValue('user.created');
  await checkA11y(page, 'responsive-audit-filters-open', testInfo);

  await page.goto('/admin/logs?tab=sign-in');
  await settle(page, 'Logs');
  await expect(page.getByRole('form', { name: 'Filters' })).toBeHidden();
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  await expect(page.getByRole('form', { name: 'Filters' }).getByLabel('Account contains')).toBeVisible();
  await expectNoSidewaysScroll(page, 'responsive-logs-filters-open');

  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(page.getByRole('button', { name: 'Filters', exact: true })).toBeHidden();
  await expect(page.getByRole('form', { name: 'Filters' })).toBeVisible();
});

// ---------------------------------------------------------------------------------------------

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** Opens the menu by keyboard, follows the section's link; the menu closes and focus is on the main content. */
async function navigateWithMenu(page: Page, section: AdminSectionId, path: string, check?: { name: string; testInfo: TestInfo }): Promise<void> {
  const menu = page.getByRole('button', { name: 'Menu' });
  const nav = page.getByRole('navigation', { name: 'Dashboard sections' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav).toBeHidden();
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('link').first()).toBeFocused();
  if (check) {
    await expectNoSidewaysScroll(page, check.name);
    await checkA11y(page, check.name, check.testInfo);
  }
  const link = nav.locator(`a[data-section="${section}"]`);
  await link.focus();
  await expect(link).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL((url) => url.pathname === path);
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav).toBeHidden();
  await expect(page.locator('#admin-main')).toBeFocused();
  await expect(page.locator('#admin-main')).toBeInViewport();
}

/** The page's heading is shown and nothing is loading any more. */
async function settle(page: Page, heading: string | RegExp): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/**
 * The document is no wider than the viewport; an element that scrolls sideways is a named,
 * focusable region (so keyboard users can scroll it; tab lists scroll to their focused tab).
 */
async function expectNoSidewaysScroll(page: Page, label: string): Promise<void> {
  const report = await page.evaluate(() => {
    const describe = (element: Element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}.${[...element.classList].slice(0, 4).join('.')} "${(element.textContent ?? '').trim().slice(0, 40)}"`;
    const width = window.innerWidth;
    const clipped = (element: Element) => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== 'visible') return true;
      }
      return false;
    };
    const overflowing = [...document.querySelectorAll('body *')]
      .filter((element) => !clipped(element) || ['absolute', 'fixed'].includes(getComputedStyle(element).position))
      // a box wider than the viewport, or text running out of its box
      .filter((element) => element.getBoundingClientRect().right > width + 0.5 || (getComputedStyle(element).overflowX === 'visible' && element.getBoundingClientRect().left + element.scrollWidth > width + 0.5))
      .slice(0, 5)
      .map(describe);
    const scrollers = [...document.querySelectorAll('body *')].filter((element) => {
      const style = getComputedStyle(element);
      return ['auto', 'scroll'].includes(style.overflowX) && element.scrollWidth > element.clientWidth + 1;
    });
    const unreachable = scrollers
      .filter((element) => element.getAttribute('role') !== 'tablist')
      .filter((element) => !(element instanceof HTMLElement && element.tabIndex === 0 && element.getAttribute('role') === 'region' && (element.getAttribute('aria-label') || element.getAttribute('aria-labelledby'))))
      .map(describe);
    return { scrollWidth: document.documentElement.scrollWidth, width, overflowing, unreachable };
  });
  expect.soft(report.scrollWidth, `${label}: the document scrolls sideways; too wide: ${report.overflowing.join(' | ')}`).toBeLessThanOrEqual(report.width);
  expect.soft(report.unreachable, `${label}: sideways scrolling areas without a focusable, named region`).toEqual([]);
}

/** Opens a create dialog by keyboard: it fits the viewport, its buttons are on screen, axe passes; Escape closes it. */
async function checkCreateDialog(page: Page, create: { button: string; dialog: string }, label: string, testInfo: TestInfo): Promise<void> {
  const opener = page.getByRole('button', { name: create.button, exact: true });
  await expect(opener).toBeInViewport();
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: create.dialog });
  await expect(dialog).toBeVisible();
  await page.waitForLoadState('networkidle');
  const viewport = page.viewportSize()!;
  const box = (await dialog.boundingBox())!;
  expect.soft(box.x, `${label}: dialog left edge`).toBeGreaterThanOrEqual(0);
  expect.soft(box.y, `${label}: dialog top edge`).toBeGreaterThanOrEqual(0);
  expect.soft(box.x + box.width, `${label}: dialog right edge`).toBeLessThanOrEqual(viewport.width);
  expect.soft(box.y + box.height, `${label}: dialog bottom edge`).toBeLessThanOrEqual(viewport.height);
  expect.soft(await dialog.evaluate((element) => [...element.querySelectorAll('*')].filter((child) => child.scrollWidth > child.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(child).overflowX)).length)).toBe(0);
  // the actions are on screen without scrolling the form: Cancel and the submit button
  await expect.soft(dialog.getByRole('button', { name: 'Cancel', exact: true })).toBeInViewport({ ratio: 1 });
  await expect.soft(dialog.locator('button[type="submit"]')).toBeInViewport({ ratio: 1 });
  await expect.soft(dialog.getByRole('button', { name: 'Close', exact: true })).toBeInViewport({ ratio: 1 });
  // the action row closes the dialog's scrolling body: no strip of the form shows beneath it
  const gapUnderActions = await dialog.locator('button[type="submit"]').evaluate((submit) => {
    const actions = submit.parentElement!;
    let body: HTMLElement | null = actions;
    while (body && getComputedStyle(body).overflowY === 'visible') body = body.parentElement;
    return body!.getBoundingClientRect().bottom - actions.getBoundingClientRect().bottom;
  });
  expect.soft(Math.abs(gapUnderActions), `${label}: space under the dialog's buttons`).toBeLessThan(1);
  await checkA11y(page, label, testInfo);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
}
