// The post-credential side of the hosted pages in a real browser: every policy (update_info,
// change_password, change_email, change_org, delete_account, manage_sessions), the org choice at
// sign-in, app banners, org branding and a blocked policy. Data (an app, orgs, memberships,
// banners) is made through the S2S API (hostile branding, which the API refuses, through SQL); the main server runs with ENABLE_ORG,
// ALLOW_USER_SWITCH_ORG_ON_SIGN_IN and ENABLE_APP_BANNER (e2e/support/server.ts). Each page is
// scanned with axe and photographed (test-results/screenshots, test-results/axe).
import { randomBytes } from 'node:crypto';
import { expect as baseExpect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { adminApi, type AdminApi } from './support/admin-api';
import { scanAccessibility, screenshot } from './support/evidence';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';
import { sql, startOwnServer } from './support/hosted';
import { createTestUser } from './support/users';

test.use({ locale: 'en-US' });
test.describe.configure({ timeout: 90_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

let fixtures: E2eFixtures;
let admin: AdminApi;
let app: { id: string; clientId: string };
let redirectUri: string;
const suffix = randomBytes(3).toString('hex');
const orgs: Record<'north' | 'south' | 'brand', { id: string; slug: string; name: string }> = {} as never;

test.beforeAll(async () => {
  fixtures = loadFixtures();
  admin = await adminApi(fixtures);
  redirectUri = fixtures.redirectUri;
  const created = await admin.call<{ app: { id: string; clientId: string } }>('POST', '/api/v1/apps', {
    name: 'Policies SPA',
    type: 'spa',
    scopes: ['openid', 'profile', 'offline_access'],
    redirectUris: [redirectUri],
  });
  expect(created.status).toBe(201);
  app = created.body.app;

  const makeOrg = async (key: keyof typeof orgs, body: Record<string, unknown>) => {
    const response = await admin.call<{ org: { id: string; slug: string; name: string } }>('POST', '/api/v1/orgs', body);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    orgs[key] = response.body.org;
  };
  await makeOrg('north', { name: `Northwind ${suffix}`, slug: `northwind-${suffix}`, companyLogoUrl: `${fixtures.baseURL}/icon.svg` });
  await makeOrg('south', { name: `Southwind ${suffix}`, slug: `southwind-${suffix}` });
  await makeOrg('brand', {
    name: `Brandco ${suffix}`,
    slug: `brandco-${suffix}`,
    onlyUseForBrandingOverride: true,
    companyLogoUrl: `${fixtures.baseURL}/icon.svg`,
    primaryButtonColor: '#0f5132',
    primaryButtonLabelColor: '#ffffff',
    layoutColor: '#e8f3ee',
    labelColor: '#0b3b24',
    fontFamily: 'Georgia, serif',
    termsLink: 'https://brandco.example/terms',
    privacyPolicyLink: 'https://brandco.example/privacy',
  });

  const banner = async (body: Record<string, unknown>) => {
    const createdBanner = await admin.call<{ appBanner: { id: string } }>('POST', '/api/v1/app-banners', body);
    expect(createdBanner.status, JSON.stringify(createdBanner.body)).toBe(201);
    const linked = await admin.call('PUT', `/api/v1/app-banners/${createdBanner.body.appBanner.id}`, { appIds: [app.id], isActive: true });
    expect(linked.status).toBe(200);
  };
  await banner({ type: 'info', text: 'Scheduled maintenance on Sunday.', locales: [{ locale: 'zh-CN', value: '周日进行计划维护。' }] });
  await banner({ type: 'warning', text: 'Passwords expire every 90 days.' });
});

// ───────────────────────────── helpers ─────────────────────────────

const base64url = (bytes: Buffer) => bytes.toString('base64url');

async function authorizeUrl(extra: Record<string, string> = {}, server = fixtures.baseURL, client = { clientId: '', redirectUri: '' }) {
  const verifier = base64url(randomBytes(32));
  const challenge = base64url(Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const url = new URL('/oauth2/v1/authorize', server);
  const params = {
    response_type: 'code',
    client_id: client.clientId || app.clientId,
    redirect_uri: client.redirectUri || redirectUri,
    scope: 'openid profile offline_access',
    state: base64url(randomBytes(12)),
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return { url: url.toString(), verifier, state: params.state };
}

const isCallback = (url: URL) => `${url.origin}${url.pathname}` === redirectUri;
const onPath = (pathname: string) => (url: URL) => url.pathname === pathname;

async function newContext(browser: Browser, locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale });
  await context.route(isCallback, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><html lang="en"><title>Callback</title><main><h1>Callback</h1></main></html>' }),
  );
  return { context, page: await context.newPage() };
}

async function signIn(page: Page, user: E2eUser) {
  const submit = page.getByRole('button', { name: 'Sign in', exact: true });
  await expect(submit).toBeEnabled();
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await submit.click();
}

/** Signs in on the sign-in page and allows the consent page if it comes. */
async function signInAndConsent(page: Page, user: E2eUser, next: string) {
  await page.waitForURL(onPath('/identity/v1/sign-in'));
  await signIn(page, user);
  await page.waitForURL((url) => url.pathname === '/identity/v1/consent' || url.pathname === next || isCallback(url));
  if (new URL(page.url()).pathname === '/identity/v1/consent') {
    const allow = page.getByRole('button', { name: 'Allow', exact: true });
    await expect(allow).toBeEnabled();
    await allow.click();
    await page.waitForURL((url) => url.pathname === next || isCallback(url));
  }
}

async function redeem(callback: URL, verifier: string) {
  const response = await fetch(new URL('/oauth2/v1/token', fixtures.baseURL), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', code_verifier: verifier, client_id: app.clientId, redirect_uri: redirectUri }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { access_token: string; id_token: string };
}

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

async function evidence(page: Page, name: string, testInfo: Parameters<typeof screenshot>[2]) {
  await screenshot(page, name, testInfo);
  const violations = await scanAccessibility(page, name, testInfo);
  expect(violations, `axe on ${name}`).toEqual([]);
}

async function latestCode(to: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const response = await fetch(new URL(`/dev/outbox.json?to=${encodeURIComponent(to)}`, fixtures.baseURL));
    const messages = (await response.json()) as Array<{ text: string }>;
    const code = /\b(\d{6})\b/.exec(messages[0]?.text ?? '')?.[1];
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no code sent to ${to}`);
}

// ───────────────────────────── policies ─────────────────────────────

test('update_info: names saved, back to the app with a code', async ({ browser }, testInfo) => {
  const user = await createTestUser(fixtures, 'update-info', 'Ada');
  const { context, page } = await newContext(browser);
  const request = await authorizeUrl({ policy: 'update_info' });
  await page.goto(request.url);
  await signInAndConsent(page, user, '/identity/v1/update-info');
  await expect(page.getByRole('heading', { level: 1, name: 'Update your profile' })).toBeVisible();
  await expect(page.getByLabel('First name')).toHaveValue('Ada');
  await evidence(page, 'policy-update-info-en', testInfo);
  await page.getByLabel('First name').fill('Augusta Ada');
  await page.getByLabel('Last name').fill('King');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForURL(isCallback);
  const callback = new URL(page.url());
  expect(callback.searchParams.get('code')).toBeTruthy();
  await redeem(callback, request.verifier);
  const stored = await admin.call<{ user: { firstName: string; lastName: string } }>('GET', `/api/v1/users/${user.authId}`);
  expect(stored.body.user).toMatchObject({ firstName: 'Augusta Ada', lastName: 'King' });
  await context.close();
});

test('change_password: wrong current password on the field, then changed; the new one signs in', async ({ browser }, testInfo) => {
  const user = await createTestUser(fixtures, 'change-password');
  const { context, page } = await newContext(browser);
  const request = await authorizeUrl({ policy: 'change_password' });
  await page.goto(request.url);
  await signInAndConsent(page, user, '/identity/v1/change-password');
  await expect(page.getByRole('heading', { level: 1, name: 'Change your password' })).toBeVisible();
  await evidence(page, 'policy-change-password-en', testInfo);

  const submit = page.getByRole('button', { name: 'Change password', exact: true });
  await page.getByLabel('Current password').fill('Not-the-password-1');
  await page.getByLabel('New password').fill('Brand-new-Password-2');
  await submit.click();
  const current = page.getByLabel('Current password');
  await expect(current).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('The current password is incorrect.')).toBeVisible();
  await expect(current).toBeFocused();
  await screenshot(page, 'policy-change-password-error-en', testInfo);

  await current.fill(user.password);
  await submit.click();
  await page.waitForURL(isCallback);
  expect(new URL(page.url()).searchParams.get('code')).toBeTruthy();
  await context.close();

  const again = await newContext(browser);
  await again.page.goto((await authorizeUrl()).url);
  await signInAndConsent(again.page, { ...user, password: 'Brand-new-Password-2' }, '/never');
  expect(isCallback(new URL(again.page.url()))).toBe(true);
  await again.context.close();
});

test('change_email: code to the new address, changed, notice to the old address', async ({ browser }, testInfo) => {
  const user = await createTestUser(fixtures, 'change-email');
  const newEmail = `e2e-moved-${randomBytes(4).toString('hex')}@example.com`;
  const { context, page } = await newContext(browser);
  const request = await authorizeUrl({ policy: 'change_email' });
  await page.goto(request.url);
  await signInAndConsent(page, user, '/identity/v1/change-email');
  await expect(page.getByRole('heading', { level: 1, name: 'Change your email address' })).toBeVisible();
  await expect(page.getByText(`Current address: ${user.email}`)).toBeVisible();
  await evidence(page, 'policy-change-email-en', testInfo);

  const send = page.getByRole('button', { name: 'Send code', exact: true });
  await expect(send).toBeEnabled();
  await page.getByLabel('New email address').fill(newEmail);
  await send.click();
  await expect(page.getByText(`We sent a 6-digit code to ${newEmail}.`, { exact: false })).toBeVisible();
  await evidence(page, 'policy-change-email-code-en', testInfo);
  const code = await latestCode(newEmail);
  await page.getByLabel('Code').fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Change email address', exact: true }).click();
  await expect(page.getByText('The code is incorrect or has expired.')).toBeVisible();
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Change email address', exact: true }).click();
  await page.waitForURL(isCallback);
  await redeem(new URL(page.url()), request.verifier);

  const stored = await admin.call<{ user: { email: string; emailVerified: boolean } }>('GET', `/api/v1/users/${user.authId}`);
  expect(stored.body.user).toMatchObject({ email: newEmail, emailVerified: true });
  const notices = (await (await fetch(new URL(`/dev/outbox.json?to=${encodeURIComponent(user.email)}`, fixtures.baseURL))).json()) as Array<{ text: string }>;
  expect(notices[0]?.text).toContain(newEmail);
  await context.close();
});

test('switch_org at sign-in, then change_org: the choice is the org claim', async ({ browser }, testInfo) => {
  const user = await createTestUser(fixtures, 'orgs');
  const joined = await admin.call('POST', `/api/v1/users/${user.authId}/orgs`, { orgs: [orgs.north.id, orgs.south.id] });
  expect(joined.status, JSON.stringify(joined.body)).toBe(200);
  const { context, page } = await newContext(browser);

  const signInRequest = await authorizeUrl();
  await page.goto(signInRequest.url);
  await signInAndConsent(page, user, '/identity/v1/switch-org');
  await expect(page.getByRole('heading', { level: 1, name: 'Choose an organization' })).toBeVisible();
  const group = page.getByRole('group', { name: 'Organizations' });
  await expect(group.getByRole('radio')).toHaveCount(2);
  await evidence(page, 'switch-org-en', testInfo);
  await group.getByRole('radio', { name: new RegExp(orgs.south.name) }).check();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.waitForURL(isCallback);
  const first = new URL(page.url());
  expect(first.searchParams.get('org')).toBe(orgs.south.slug);
  expect(claims((await redeem(first, signInRequest.verifier)).access_token).org).toBe(orgs.south.slug);

  const changeRequest = await authorizeUrl({ policy: 'change_org' });
  await page.goto(changeRequest.url);
  await page.waitForURL(onPath('/identity/v1/change-org'));
  await expect(page.getByRole('heading', { level: 1, name: 'Change organization' })).toBeVisible();
  await expect(page.getByRole('radio', { name: new RegExp(orgs.south.name) })).toBeChecked();
  await evidence(page, 'policy-change-org-en', testInfo);
  await page.getByRole('radio', { name: new RegExp(orgs.north.name) }).check();
  await page.getByRole('button', { name: 'Switch organization', exact: true }).click();
  await page.waitForURL(isCallback);
  const second = new URL(page.url());
  expect(claims((await redeem(second, changeRequest.verifier)).id_token).org).toBe(orgs.north.slug);
  await context.close();
});

test('delete_account: a fresh sign-in although signed in, an explicit confirmation, then gone', async ({ browser }, testInfo) => {
  const user = await createTestUser(fixtures, 'delete');
  const { context, page } = await newContext(browser);
  await page.goto((await authorizeUrl()).url);
  await signInAndConsent(page, user, '/never');

  const request = await authorizeUrl({ policy: 'delete_account' });
  await page.goto(request.url);
  await page.waitForURL(onPath('/identity/v1/sign-in'));
  await signIn(page, user);
  await page.waitForURL(onPath('/identity/v1/delete-account'));
  await expect(page.getByRole('heading', { level: 1, name: 'Delete your account' })).toBeVisible();
  await expect(page.getByText(user.email, { exact: false })).toBeVisible();
  await evidence(page, 'policy-delete-account-en', testInfo);

  const remove = page.getByRole('button', { name: 'Delete my account', exact: true });
  await remove.click();
  const confirm = page.getByRole('checkbox', { name: 'I understand that my account will be deleted permanently.' });
  await expect(confirm).toBeFocused();
  await expect(page.getByText('Confirm that you want to delete your account.')).toBeVisible();
  await confirm.check();
  await remove.click();
  await page.waitForURL(onPath('/identity/v1/account-deleted'));
  await expect(page.getByRole('heading', { level: 1, name: 'Your account has been deleted' })).toBeVisible();
  await evidence(page, 'account-deleted-en', testInfo);
  expect((await admin.call('GET', `/api/v1/users/${user.authId}`)).status).toBe(404);
  expect((await context.cookies()).some((cookie) => cookie.name === 'tessera_session')).toBe(false);

  await page.getByRole('link', { name: 'Return to Policies SPA' }).click();
  await page.waitForURL(isCallback);
  const back = new URL(page.url());
  expect(back.searchParams.get('error')).toBe('access_denied');
  expect(back.searchParams.get('error_description')).toBe('account_deleted');
  expect(back.searchParams.get('state')).toBe(request.state);
  await context.close();
});

test('manage_sessions: a sign-in made for it (issue 12 item 7), lists every browser session, signs the others out, Done returns a code', async ({ browser }, testInfo) => {
  const user = await createTestUser(fixtures, 'sessions');
  const laptop = await newContext(browser);
  const phone = await newContext(browser);
  for (const device of [phone, laptop]) {
    await device.page.goto((await authorizeUrl()).url);
    await signInAndConsent(device.page, user, '/never');
  }
  // the laptop's SSO session is not enough to manage sessions: it signs in again, a third session
  const request = await authorizeUrl({ policy: 'manage_sessions' });
  await laptop.page.goto(request.url);
  await signInAndConsent(laptop.page, user, '/identity/v1/manage-sessions');
  await expect(laptop.page.getByRole('heading', { level: 1, name: 'Your sessions' })).toBeVisible();
  const browsers = laptop.page.getByTestId('browser-sessions').getByRole('listitem');
  await expect(browsers).toHaveCount(3);
  await expect(browsers.first()).toContainText('This browser');
  await evidence(laptop.page, 'policy-manage-sessions-en', testInfo);

  await laptop.page.getByRole('button', { name: 'Sign out everywhere else' }).click();
  await expect(browsers).toHaveCount(1);
  await expect(browsers.first()).toContainText('This browser');
  // The phone's session is over: signing in there asks for credentials again.
  await phone.page.goto((await authorizeUrl()).url);
  await phone.page.waitForURL(onPath('/identity/v1/sign-in'));

  await laptop.page.getByRole('button', { name: 'Done', exact: true }).click();
  await laptop.page.waitForURL(isCallback);
  expect(new URL(laptop.page.url()).searchParams.get('code')).toBeTruthy();
  await laptop.context.close();
  await phone.context.close();
});

test('a policy page in Chinese (locale=zh-CN)', async ({ browser }, testInfo) => {
  const user = await createTestUser(fixtures, 'zh', '明');
  const { context, page } = await newContext(browser, 'zh-CN');
  await page.goto((await authorizeUrl({ policy: 'change_password', locale: 'zh-CN' })).url);
  await page.waitForURL(onPath('/identity/v1/sign-in'));
  const submit = page.getByRole('button', { name: '登录', exact: true });
  await expect(submit).toBeEnabled();
  await page.getByLabel('电子邮箱').fill(user.email);
  await page.getByLabel('密码').fill(user.password);
  await submit.click();
  await page.waitForURL((url) => url.pathname === '/identity/v1/consent' || url.pathname === '/identity/v1/change-password');
  if (new URL(page.url()).pathname === '/identity/v1/consent') await page.getByRole('button', { name: '允许', exact: true }).click();
  await page.waitForURL(onPath('/identity/v1/change-password'));
  await expect(page.getByRole('heading', { level: 1, name: '修改密码' })).toBeVisible();
  await expect(page.getByLabel('当前密码')).toBeVisible();
  await evidence(page, 'policy-change-password-zh-CN', testInfo);
  await context.close();
});

// ───────────────────────────── banners, branding, blocked ─────────────────────────────

test('app banners on the sign-in page, localized, as status messages; Melody’s JSON', async ({ browser }, testInfo) => {
  const { context, page } = await newContext(browser);
  await page.goto((await authorizeUrl()).url);
  await page.waitForURL(onPath('/identity/v1/sign-in'));
  const region = page.getByRole('region', { name: 'Announcements' });
  const banners = region.getByRole('status');
  await expect(banners).toHaveCount(2);
  await expect(banners.nth(0)).toHaveText('Scheduled maintenance on Sunday.');
  await expect(banners.nth(0)).toHaveAttribute('data-variant', 'info');
  await expect(banners.nth(1)).toHaveText('Passwords expire every 90 days.');
  await expect(banners.nth(1)).toHaveAttribute('data-variant', 'warning');
  await evidence(page, 'sign-in-banners-en', testInfo);

  await page.goto((await authorizeUrl({ locale: 'zh-CN' })).url);
  await page.waitForURL(onPath('/identity/v1/sign-in'));
  const zh = page.getByRole('region', { name: '公告' }).getByRole('status');
  await expect(zh.nth(0)).toHaveText('周日进行计划维护。');
  // No Chinese text for the second banner: its default text, marked as English for screen readers.
  await expect(zh.nth(1)).toHaveText('Passwords expire every 90 days.');
  await expect(zh.nth(1).locator('[lang="en"]')).toHaveText('Passwords expire every 90 days.');
  await expect(zh.nth(0).locator('[lang]')).toHaveCount(0);
  await evidence(page, 'sign-in-banners-zh-CN', testInfo);
  await context.close();

  const json = (await (await fetch(new URL(`/identity/v1/app-banners?client_id=${app.clientId}`, fixtures.baseURL))).json()) as { banners: Array<{ type: string }> };
  expect(json.banners.map((banner) => banner.type)).toEqual(['info', 'warning']);
  expect((await fetch(new URL('/identity/v1/app-banners?client_id=nope', fixtures.baseURL))).status).toBe(404);
});

test('org branding through the org parameter: name, logo, colors, font, legal links on every page of the request', async ({ browser }, testInfo) => {
  const user = await createTestUser(fixtures, 'branding');
  const { context, page } = await newContext(browser);
  await page.goto((await authorizeUrl({ org: orgs.brand.slug, policy: 'update_info' })).url);
  await page.waitForURL(onPath('/identity/v1/sign-in'));
  await expect(page.getByTestId('brand-name')).toHaveText(orgs.brand.name);
  await expect(page.getByRole('img', { name: `${orgs.brand.name} logo` })).toHaveAttribute('src', `${fixtures.baseURL}/icon.svg`);
  await expect(page.getByRole('link', { name: 'Terms of service' })).toHaveAttribute('href', 'https://brandco.example/terms');
  await expect(page.getByRole('link', { name: 'Privacy policy' })).toHaveAttribute('href', 'https://brandco.example/privacy');
  const submit = page.getByRole('button', { name: 'Sign in', exact: true });
  await expect(submit).toHaveCSS('background-color', 'rgb(15, 81, 50)');
  await expect(submit).toHaveCSS('font-family', 'Georgia, serif');
  await evidence(page, 'sign-in-branded-en', testInfo);

  await signInAndConsent(page, user, '/identity/v1/update-info');
  await expect(page.getByTestId('brand-name')).toHaveText(orgs.brand.name);
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toHaveCSS('background-color', 'rgb(15, 81, 50)');
  await evidence(page, 'policy-update-info-branded-en', testInfo);
  await context.close();
});

test('hostile org branding values (written behind the API’s back) are dropped, the deployment’s apply', async ({ browser }, testInfo) => {
  const slug = `hostile-${suffix}`;
  const created = await admin.call<{ org: { id: string } }>('POST', '/api/v1/orgs', { name: `Hostile ${suffix}`, slug, onlyUseForBrandingOverride: true });
  expect(created.status).toBe(201);
  await sql(
    fixtures.cliEnv,
    `UPDATE orgs SET "primaryButtonColor" = $1, "layoutColor" = $2, "fontFamily" = $3, "companyLogoUrl" = $4, "termsLink" = $5, "fontUrl" = $6 WHERE id = $7`,
    [
      'red; background-image: url(https://evil.example/x)',
      'var(--brand)',
      'Inter; } body { display: none',
      'javascript:alert(1)',
      'javascript:alert(2)',
      'https://evil.example/font.css',
      created.body.org.id,
    ],
  );
  const { context, page } = await newContext(browser);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto((await authorizeUrl({ org: slug })).url);
  await page.waitForURL(onPath('/identity/v1/sign-in'));
  await expect(page.getByTestId('brand-name')).toHaveText(`Hostile ${suffix}`);
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toHaveCSS('background-color', 'rgb(67, 56, 202)');
  await expect(page.getByRole('img', { name: `Hostile ${suffix} logo` })).toHaveAttribute('src', '/logo.svg');
  await expect(page.getByRole('link', { name: 'Terms of service' })).toHaveCount(0);
  const html = await page.content();
  for (const value of ['evil.example', 'javascript:', 'display: none', 'var(--brand)']) expect(html, value).not.toContain(value);
  expect(requests.some((url) => url.includes('evil.example'))).toBe(false);
  await screenshot(page, 'sign-in-hostile-branding-en', testInfo);
  await context.close();
});

test('blocked and unknown policies answer an error at the redirect URI', async ({ browser }) => {
  const { context, page } = await newContext(browser);
  await page.goto((await authorizeUrl({ policy: 'reset_everything' })).url);
  await page.waitForURL(isCallback);
  expect(new URL(page.url()).searchParams.get('error')).toBe('invalid_request');

  const own = await startOwnServer('blocked-policies', { BLOCKED_POLICIES: 'change_org,delete_account' });
  const isOwnCallback = (url: URL) => `${url.origin}${url.pathname}` === own.redirectUri;
  await context.route(isOwnCallback, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Callback</title>' }));
  try {
    for (const policy of ['change_org', 'delete_account']) {
      await page.goto((await authorizeUrl({ policy }, own.baseURL, own)).url);
      await page.waitForURL(isOwnCallback);
      const answer = new URL(page.url());
      expect(answer.searchParams.get('error')).toBe('invalid_request');
      expect(answer.searchParams.get('error_description')).toBe(`The policy ${policy} is blocked on this server.`);
    }
    await page.goto((await authorizeUrl({ policy: 'update_info' }, own.baseURL, own)).url);
    await page.waitForURL(onPath('/identity/v1/sign-in'));
  } finally {
    await own.stop();
    await context.close();
  }
});
