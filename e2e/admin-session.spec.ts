// The admin dashboard's sign-in (a first-party OIDC client of the server, BFF: the session is an
// HttpOnly SameSite=Strict cookie, tokens stay on the server) and its use of the S2S API with the
// session cookie: the seeded super admin, a read-only custom admin role and a plain user.
// Fixtures (server, CLI env) come from e2e/global-setup.ts.
import fs from 'node:fs';
import { expect as baseExpect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { PageBody } from './support/admin-ui';
import { scanAccessibility, screenshot } from './support/evidence';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';
import { cli, SERVER_LOG } from './support/server';
import { createTestUser } from './support/users';

test.use({ locale: 'en-US' });
test.describe.configure({ timeout: 60_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

const SIGN_IN_PATH = '/identity/v1/sign-in';

let fixtures: E2eFixtures;
let admin: E2eUser;
let plainUser: E2eUser;

/**
 * The admin the server seeded at first start: its password is printed once, in the start-up banner
 * (test-results/e2e-server.log when global setup started the server). Against an external server
 * (E2E_BASE_URL) it cannot be known, so a super_admin is made with the CLI instead.
 */
async function seededAdmin(): Promise<E2eUser> {
  const log = fs.existsSync(SERVER_LOG) ? fs.readFileSync(SERVER_LOG, 'utf8') : '';
  const email = /^\s*Admin:\s+(\S+)\s*$/m.exec(log)?.[1];
  const password = /^\s*Password:\s+(\S+)\s+\(shown once/m.exec(log)?.[1];
  if (email && password && !process.env.E2E_ADMIN_FROM_CLI) return { authId: '', email, password };
  const made = { email: `e2e-super-${Date.now()}@example.com`, password: `Pw-${Math.random().toString(36).slice(2)}-X9` };
  const created = await cli(fixtures.cliEnv, ['user', 'create', '--email', made.email, '--password', made.password, '--role', 'super_admin', '--verified']);
  return { authId: String(created.authId), ...made };
}

test.beforeAll(async () => {
  fixtures = loadFixtures();
  admin = await seededAdmin();
  plainUser = await createTestUser(fixtures, 'admin-plain', 'Plain');
});

/** /admin → hosted sign-in (when there is no SSO session) → back on /admin. */
async function signInAtAdmin(page: Page, user: Pick<E2eUser, 'email' | 'password'>, path = '/admin') {
  await page.goto(path);
  await expect(page).toHaveURL((url) => url.pathname === SIGN_IN_PATH);
  const submit = page.getByRole('button', { name: 'Sign in', exact: true });
  await expect(submit).toBeEnabled(); // disabled until hydrated
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await submit.click();
  await expect(page).toHaveURL((url) => url.pathname === '/admin');
}

/** A same-origin fetch from the page, as the dashboard's code makes it (cookie sent by the browser). */
async function pageFetch(page: Page, path: string, init: { method?: string; body?: unknown; csrf?: boolean } = {}) {
  return page.evaluate(
    async ({ path, method, body, csrf }) => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="tessera-csrf-token"]')?.content ?? '';
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (csrf) headers['x-tessera-csrf'] = token;
      const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, body: (await response.json().catch(() => null)) as PageBody | null };
    },
    { path, method: init.method ?? 'GET', body: init.body, csrf: init.csrf ?? true },
  );
}

async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((cookie) => cookie.name === 'tessera_admin' || cookie.name === '__Host-tessera_admin');
}

const readerRole = `e2e-reader-${Date.now()}`;

test.describe.serial('the seeded super admin', () => {
  let context: BrowserContext;
  let page: Page;

  test.beforeAll(async ({ browser }) => {
    context = await browser.newContext({ locale: 'en-US' });
    page = await context.newPage();
  });
  test.afterAll(async () => {
    await context.close();
  });

  test('signs in at /admin through the hosted pages and sees who they are and their rights', async ({}, testInfo) => {
    await signInAtAdmin(page, admin);
    await expect(page.getByRole('heading', { level: 2, name: /^Signed in as / })).toBeVisible();
    await expect(page.getByTestId('admin-email')).toHaveText(admin.email);
    await expect(page.getByTestId('admin-roles')).toHaveText('super_admin');
    await expect(page.getByTestId('admin-rights').locator('li')).toHaveCount(1);
    await expect(page.getByTestId('admin-rights').locator('li[data-scope="root"]')).toBeVisible();

    const cookie = await sessionCookie(context);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', expires: -1 });
    // the browser holds a random handle, not a token, and page scripts cannot read it
    expect(cookie!.value).not.toMatch(/^eyJ/);
    expect(await page.evaluate(() => document.cookie)).not.toContain(cookie!.value);
    await screenshot(page, 'admin-home', testInfo);
    await scanAccessibility(page, 'admin-home', testInfo);
  });

  test('calls the S2S API from the page with the session cookie: reads, and writes with Origin + X-Tessera-CSRF', async () => {
    const users = await pageFetch(page, '/api/v1/users');
    expect(users.status).toBe(200);
    expect(Array.isArray(users.body!.users)).toBe(true);
    expect(users.body!.users.map((user: { email: string }) => user.email)).toContain(admin.email);

    const withoutCsrf = await pageFetch(page, '/api/v1/roles', { method: 'POST', body: { name: readerRole, adminScopes: ['read_user'] }, csrf: false });
    expect(withoutCsrf).toMatchObject({ status: 403, body: { error: 'csrf_check_failed' } });
    const created = await pageFetch(page, '/api/v1/roles', { method: 'POST', body: { name: readerRole, note: 'e2e read-only admin', adminScopes: ['read_user'] } });
    expect(created.status).toBe(201);
    expect(created.body!.role).toMatchObject({ name: readerRole, adminScopes: ['read_user'] });
  });

  test('keeps its session when a link on another site leads into the dashboard (SameSite=Strict bounce)', async () => {
    const before = await sessionCookie(context);
    await context.route('http://elsewhere.example/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: `<!doctype html><title>Elsewhere</title><a href="${fixtures.baseURL}/admin">Dashboard</a>` }),
    );
    await page.goto('http://elsewhere.example/');
    const visited: string[] = [];
    const record = (request: { url: () => string; isNavigationRequest: () => boolean }) => {
      if (request.isNavigationRequest()) visited.push(new URL(request.url()).pathname);
    };
    page.on('request', record);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await expect(page.getByTestId('admin-email')).toHaveText(admin.email);
    page.off('request', record);
    // the cross-site navigation did not carry the Strict cookie: /admin answered with a page that
    // navigated to itself (same-site now, cookie sent) instead of starting a new sign-in
    expect(visited).toEqual(['/admin', '/admin']);
    expect((await sessionCookie(context))!.value).toBe(before!.value);
  });

  test('logs out: the session ends, the API refuses the cookie, and /admin asks for the password again', async ({}, testInfo) => {
    await page.goto('/admin');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/admin' && url.searchParams.get('state') === 'signed_out');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Signed out');
    await screenshot(page, 'admin-signed-out', testInfo);
    expect(await sessionCookie(context)).toBeUndefined();
    expect((await context.cookies()).find((cookie) => cookie.name === 'tessera_session')).toBeUndefined();
    expect(await pageFetch(page, '/api/v1/users')).toMatchObject({ status: 401, body: { error: 'invalid_token' } });

    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === SIGN_IN_PATH);
  });
});

async function newPage(browser: Browser, locale = 'en-US') {
  const context = await browser.newContext({ locale });
  return { context, page: await context.newPage() };
}

test('a user with a read-only admin role reads through the API, and a write is refused by the API', async ({ browser }) => {
  const reader = await createTestUser(fixtures, 'admin-reader', 'Reader');
  // a super admin makes a read-only admin role and gives it to the reader, through the API from the dashboard
  const role = `e2e-read-only-${Date.now()}`;
  const { context: adminContext, page: adminPage } = await newPage(browser);
  await signInAtAdmin(adminPage, admin);
  expect((await pageFetch(adminPage, '/api/v1/roles', { method: 'POST', body: { name: role, adminScopes: ['read_user'] } })).status).toBe(201);
  const updated = await pageFetch(adminPage, `/api/v1/users/${reader.authId}`, { method: 'PUT', body: { roles: [role] } });
  expect(updated.status).toBe(200);
  await adminContext.close();

  const { context, page } = await newPage(browser);
  await signInAtAdmin(page, reader);
  await expect(page.getByTestId('admin-roles')).toHaveText(role);
  await expect(page.getByTestId('admin-rights').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('admin-rights').locator('li[data-scope="read_user"]')).toContainText('Read users');

  const users = await pageFetch(page, '/api/v1/users');
  expect(users.status).toBe(200);
  const write = await pageFetch(page, '/api/v1/users', { method: 'POST', body: { email: `e2e-denied-${Date.now()}@example.com`, password: 'Pw-denied-123456' } });
  expect(write).toMatchObject({ status: 403, body: { error: 'insufficient_scope' } });
  const roles = await pageFetch(page, '/api/v1/roles');
  expect(roles).toMatchObject({ status: 403, body: { error: 'insufficient_scope' } });
  await context.close();
});

test('a plain user gets the localized "no access" page and the API refuses them', async ({ browser }, testInfo) => {
  const { context, page } = await newPage(browser);
  await signInAtAdmin(page, plainUser);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('No access');
  await expect(page.getByTestId('admin-no-access')).toContainText(plainUser.email);
  await screenshot(page, 'admin-no-access', testInfo);
  await scanAccessibility(page, 'admin-no-access', testInfo);
  expect(await pageFetch(page, '/api/v1/users')).toMatchObject({ status: 403, body: { error: 'admin_access_required' } });

  await page.goto('/admin?locale=zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('无访问权限');
  await expect(page.getByTestId('admin-no-access')).toContainText('没有任何管理权限');
  await screenshot(page, 'admin-no-access-zh-CN', testInfo);

  await page.getByRole('button', { name: '退出登录', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('已退出登录');
  await context.close();
});
