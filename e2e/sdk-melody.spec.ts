// Melody's published SDKs against Tessera, in Chromium: examples/melody-web (@melody-auth/web in
// a plain page) and examples/melody-react (@melody-auth/react in a Vite React app), each built
// here with its app's values and served on a localhost port of its own (cross-origin, as
// deployed). Their auth code is the dashboard's snippet (lib/integration/snippets.ts). The apps
// have refresh-token rotation off, as the README recommends for Melody's SDKs (they keep their
// first refresh token). Redirect and popup sign-in, refresh, userinfo, reload, logout (the
// refresh token revoked and the Tessera session ended).
import { expect as baseExpect, test, type BrowserContext, type Page } from '@playwright/test';
import { buildDir, buildViteExample, createExampleSpa, serveStatic, signInOnHostedPage, type StaticSite } from './support/examples';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';
import { recordNavigations } from './support/oidc-client';
import { createTestUser } from './support/users';

test.describe.configure({ timeout: 90_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

let fixtures: E2eFixtures;
test.beforeAll(() => {
  fixtures = loadFixtures();
});

/** Builds examples/<name> for a new app (rotation off) whose redirect and post-logout URI is the site's root. */
async function deployMelodyExample(name: string): Promise<StaticSite & { clientId: string }> {
  const dir = buildDir(name);
  const site = await serveStatic(dir);
  const root = `${site.origin}/`;
  const app = await createExampleSpa(fixtures, { name: `E2E ${name}`, redirectUris: [root], postLogoutRedirectUris: [root], rotateRefreshTokens: false });
  await buildViteExample(name, dir, {
    VITE_TESSERA_ISSUER: fixtures.issuer,
    VITE_TESSERA_CLIENT_ID: app.clientId,
    VITE_TESSERA_REDIRECT_URI: root,
    VITE_TESSERA_POST_LOGOUT_REDIRECT_URI: root,
  });
  return { ...site, clientId: app.clientId };
}

const atSite = (site: StaticSite) => (url: URL) => url.origin === site.origin;

/** The refresh token the SDK stored (localStorage, Melody's key). */
const storedRefreshToken = (page: Page) =>
  page.evaluate(() => (JSON.parse(localStorage.getItem('melody-auth-refresh-token') ?? 'null') as { refreshToken: string } | null)?.refreshToken ?? null);

async function refreshGrant(refreshToken: string) {
  const response = await fetch(new URL('/oauth2/v1/token', fixtures.baseURL), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Signs in through a popup opened by `click`; the opener never navigates. */
async function popupSignIn(page: Page, user: E2eUser, click: () => Promise<void>) {
  const openerUrl = page.url();
  const [popup] = await Promise.all([page.context().waitForEvent('page'), click()]);
  const closed = popup.waitForEvent('close');
  await popup.waitForURL((url) => url.pathname === '/identity/v1/sign-in');
  const submit = popup.getByRole('button', { name: 'Sign in', exact: true });
  await expect(submit).toBeEnabled();
  await popup.getByLabel('Email').fill(user.email);
  await popup.getByLabel('Password').fill(user.password);
  await submit.click();
  const consent = await Promise.race([closed.then(() => false), popup.waitForURL((url) => url.pathname === '/identity/v1/consent').then(() => true, () => false)]);
  if (consent) await popup.getByTestId('consent-form').getByRole('button', { name: 'Allow', exact: true }).click();
  await closed;
  expect(page.url()).toBe(openerUrl);
}

test.describe.serial('@melody-auth/web (examples/melody-web)', () => {
  let site: StaticSite & { clientId: string };
  let user: E2eUser;
  let context: BrowserContext;

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000); // builds and CLI fixtures: slow on a loaded machine
    [site, user] = await Promise.all([deployMelodyExample('melody-web'), createTestUser(fixtures, 'melody-web', 'Mel')]);
    context = await browser.newContext({ locale: 'en-US' });
  });
  test.afterAll(async () => {
    await context?.close();
    await site?.close();
  });

  test('redirect sign-in, token refresh (rotation off), userinfo, reload, logout', async () => {
    const page = await context.newPage();
    await page.goto(site.origin);
    await expect(page.getByRole('status')).toHaveText('Signed out');

    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await signInOnHostedPage(page, user, atSite(site));
    await expect(page.getByRole('status')).toHaveText(`Signed in as ${user.email}`);
    expect(new URL(page.url()).search).toBe(''); // the SDK dropped ?code=…&state=…
    await expect(page.getByRole('alert')).toHaveText('');

    // refresh: a new access token each time, from the same refresh token (rotation off)
    const tokenId = page.locator('#token-id');
    const first = await tokenId.textContent();
    const refreshToken = await storedRefreshToken(page);
    expect(refreshToken).toBeTruthy();
    await page.getByRole('button', { name: 'Refresh the access token' }).click();
    await expect(tokenId).not.toHaveText(first!);
    const second = await tokenId.textContent();
    await page.getByRole('button', { name: 'Refresh the access token' }).click();
    await expect(tokenId).not.toHaveText(second!);
    expect(await storedRefreshToken(page)).toBe(refreshToken);

    await page.getByRole('button', { name: 'Load user info' }).click();
    await expect(page.locator('#user-info-result')).toContainText(user.email);
    const userInfo = JSON.parse((await page.locator('#user-info-result').textContent())!) as Record<string, unknown>;
    expect(userInfo).toMatchObject({ sub: user.authId, authId: user.authId, email: user.email });

    // a reload signs in again with the stored refresh token (the access token lived in memory)
    await page.reload();
    await expect(page.getByRole('status')).toHaveText(`Signed in as ${user.email}`);

    const navigations = recordNavigations(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('status')).toHaveText('Signed out');
    expect(page.url()).toBe(`${site.origin}/`);
    expect(navigations.some((url) => url.origin === fixtures.baseURL && url.pathname === '/oauth2/v1/logout')).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem('melody-auth-refresh-token'))).toBeNull();
    // the server revoked the refresh token and ended the Tessera session
    const revoked = await refreshGrant(refreshToken!);
    expect(revoked.status).toBe(400);
    expect(revoked.body.error).toBe('invalid_grant');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/identity/v1/sign-in');
    await page.close();
  });

  test('popup sign-in (loginPopup): the page stays and gets the tokens', async () => {
    const page = await context.newPage();
    await page.goto(site.origin);
    await expect(page.getByRole('status')).toHaveText('Signed out');
    await popupSignIn(page, user, () => page.getByRole('button', { name: 'Sign in with a popup' }).click());
    await expect(page.getByRole('status')).toHaveText(`Signed in as ${user.email}`);
    await page.getByRole('button', { name: 'Load user info' }).click();
    await expect(page.locator('#user-info-result')).toContainText(user.email);
    await page.close();
  });
});

test.describe.serial('@melody-auth/react (examples/melody-react)', () => {
  let site: StaticSite & { clientId: string };
  let user: E2eUser;

  test.beforeAll(async () => {
    test.setTimeout(180_000); // builds and CLI fixtures: slow on a loaded machine
    [site, user] = await Promise.all([deployMelodyExample('melody-react'), createTestUser(fixtures, 'melody-react', 'Rea')]);
  });
  test.afterAll(async () => {
    await site?.close();
  });

  test('AuthProvider and useAuth: sign-in, protected content, userinfo, reload, logout, then loginPopup', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(site.origin);
    await expect(page.getByText('Sign in to see your profile.')).toBeVisible();
    await expect(page.getByTestId('sub')).toHaveCount(0);

    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await signInOnHostedPage(page, user, atSite(site));
    await expect(page.getByText(`Signed in as ${user.email}`)).toBeVisible();
    await expect(page.getByTestId('sub')).toHaveText(user.authId);

    await page.getByRole('button', { name: 'Load user info' }).click();
    await expect(page.getByTestId('user-info')).toContainText(`"email": "${user.email}"`);

    await page.reload();
    await expect(page.getByTestId('sub')).toHaveText(user.authId);
    const refreshToken = await storedRefreshToken(page);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByText('Sign in to see your profile.')).toBeVisible();
    expect(page.url()).toBe(`${site.origin}/`);
    expect((await refreshGrant(refreshToken!)).status).toBe(400);

    // the Tessera session ended: the popup asks for the password again
    await popupSignIn(page, user, () => page.getByRole('button', { name: 'Sign in with a popup' }).click());
    await expect(page.getByTestId('sub')).toHaveText(user.authId);
    await context.close();
  });
});
