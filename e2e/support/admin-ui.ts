// The admin dashboard from a spec: admins to sign in with (a super_admin, a custom admin role with
// chosen rights, a plain user), the sign-in at /admin through the hosted pages, calls to /api/v1
// from the page as the dashboard makes them, and the accessibility check of every dashboard page
// (axe in light and dark mode, 0 violations, with a screenshot of each).
import { randomBytes } from 'node:crypto';
import { expect, type Browser, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { adminApi } from './admin-api';
import { scanAccessibility, screenshot } from './evidence';
import type { E2eFixtures, E2eUser } from './fixtures';
import { cli } from './server';
import { createTestUser } from './users';

const SIGN_IN_PATH = '/identity/v1/sign-in';

/** A new super_admin made with the CLI (no state shared with other specs). */
export async function createSuperAdmin(fixtures: E2eFixtures, label = 'super'): Promise<E2eUser> {
  const email = `e2e-${label}-${randomBytes(4).toString('hex')}@example.com`;
  const password = `Pw-7${randomBytes(12).toString('base64url')}!`;
  const created = await cli(fixtures.cliEnv, ['user', 'create', '--email', email, '--password', password, '--first-name', 'Super', '--role', 'super_admin', '--verified']);
  return { authId: String(created.authId), email, password };
}

/**
 * A new user holding a new custom admin role with exactly `adminScopes` (e.g. ['read_scope']),
 * both made through the S2S API. Returns the user and the role's name.
 */
export async function createAdminWithScopes(fixtures: E2eFixtures, label: string, adminScopes: string[]): Promise<E2eUser & { role: string }> {
  const api = await adminApi(fixtures);
  const role = `e2e-${label}-${randomBytes(3).toString('hex')}`;
  const createdRole = await api.call('POST', '/api/v1/roles', { name: role, adminScopes });
  if (createdRole.status !== 201) throw new Error(`role not created (${createdRole.status}): ${JSON.stringify(createdRole.body)}`);
  const user = await createTestUser(fixtures, label, 'Limited');
  const updated = await api.call('PUT', `/api/v1/users/${user.authId}`, { roles: [role] });
  if (updated.status !== 200) throw new Error(`role not given (${updated.status}): ${JSON.stringify(updated.body)}`);
  return { ...user, role };
}

/** A verified user without any role: the dashboard's "no access" case. */
export function createPlainUser(fixtures: E2eFixtures, label = 'plain'): Promise<E2eUser> {
  return createTestUser(fixtures, label, 'Plain');
}

/**
 * Opens `path` in the dashboard and signs in on the hosted page it leads to; resolves back on
 * `path`. Use a fresh context per user (the SSO session would otherwise skip the password).
 */
export async function signInToAdmin(page: Page, user: Pick<E2eUser, 'email' | 'password'>, path = '/admin'): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL((url) => url.pathname === SIGN_IN_PATH, { timeout: 15_000 });
  const submit = page.getByRole('button', { name: 'Sign in', exact: true });
  await expect(submit).toBeEnabled({ timeout: 15_000 }); // disabled until hydrated
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await submit.click();
  const target = new URL(path, 'http://localhost').pathname;
  await expect(page).toHaveURL((url) => url.pathname === target, { timeout: 15_000 });
}

/** A new browser context and page, signed in to the dashboard as `user` at `path`. */
export async function adminPage(browser: Browser, user: Pick<E2eUser, 'email' | 'password'>, path = '/admin', locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  await signInToAdmin(page, user, path);
  return { context, page };
}

/** A JSON body as the browser tests read it: whatever the API answered, indexed without casts. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert on the values they read
export type PageBody = Record<string, any>;

/**
 * A call to /api/v1 from the page exactly as the dashboard's client makes it (session cookie,
 * X-Tessera-CSRF from the page's meta tag): proves that the API itself refuses what the UI hides.
 */
export async function apiFromPage(page: Page, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: PageBody | null }> {
  return page.evaluate(
    async ({ path, method, body }) => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="tessera-csrf-token"]')?.content ?? '';
      const headers: Record<string, string> = { 'x-tessera-csrf': token };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, body: (await response.json().catch(() => null)) as PageBody | null };
    },
    { path, method: init.method ?? 'GET', body: init.body },
  );
}

/**
 * axe in light AND dark mode (prefers-color-scheme emulated), requiring 0 violations in each,
 * with a full-page screenshot of each under test-results/screenshots/<name>-light|dark.png.
 * Leaves the page in light mode.
 */
export async function checkA11y(page: Page, name: string, testInfo: TestInfo): Promise<void> {
  for (const colorScheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme });
    // Buttons fade to the new scheme's colors (transition-colors): shoot and scan the final ones.
    await page.evaluate(() => Promise.all(document.getAnimations().filter((animation) => animation instanceof CSSTransition).map((animation) => animation.finished.catch(() => null))));
    const label = `${name}-${colorScheme}`;
    await screenshot(page, label, testInfo);
    expect(await scanAccessibility(page, label, testInfo), `axe violations on ${label}`).toEqual([]);
  }
}
