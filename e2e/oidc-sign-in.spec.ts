// The hosted sign-in flow, driven by a real browser and completed by a real relying party:
// openid-client (not our code) discovers the server, builds the authorization URL (PKCE S256, state,
// nonce), and redeems the code — validating the ID token's signature against our JWKS
// (enableNonRepudiationChecks), iss, aud, nonce and the response's state and iss — then calls userinfo.
// The redirect URI is never served: the browser's navigation to it is intercepted.
// Fixtures (server, client, users) come from e2e/global-setup.ts.
import { expect as baseExpect, test, type BrowserContext, type Page } from '@playwright/test';
import * as client from 'openid-client';
import { scanAccessibility, screenshot } from './support/evidence';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';
import { authorizationRequest, discoverClient, recordNavigations, redeem } from './support/oidc-client';
import { createTestUser } from './support/users';

const SIGN_IN_PATH = '/identity/v1/sign-in';
const CONSENT_PATH = '/identity/v1/consent';
const ERROR_PATH = '/identity/v1/error';

// Accept-Language is English: any other language on screen comes from the `locale` parameter.
test.use({ locale: 'en-US' });
// CI machines are shared and loaded (load average above 15 on 2 cores was seen): hydration and
// argon2 verification can take several seconds there, so allow more than the config's defaults.
test.describe.configure({ timeout: 60_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

let fixtures: E2eFixtures;
let oidc: client.Configuration;
// Users of this file only: the consent tests need users who have never consented (other spec files
// sign the shared fixture user in and consent with it).
let enUser: E2eUser;
let zhUser: E2eUser;

test.beforeAll(async () => {
  fixtures = loadFixtures();
  enUser = await createTestUser(fixtures, 'oidc-en', 'Ada');
  zhUser = await createTestUser(fixtures, 'oidc-zh', '明');
  oidc = await discoverClient(fixtures.issuer, fixtures.clientId);
});

const newAuthorizationRequest = (extra?: Record<string, string>) => authorizationRequest(oidc, fixtures.redirectUri, 'openid profile', extra);

const isCallback = (url: URL) => `${url.origin}${url.pathname}` === fixtures.redirectUri;
const onPath = (pathname: string) => (url: URL) => url.pathname === pathname;

/** Answers navigations to the redirect URI with a stub page (the relying party's side). */
async function interceptCallback(context: BrowserContext): Promise<void> {
  await context.route(isCallback, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: '<!doctype html><html lang="en"><title>E2E callback</title><main><h1>Callback</h1></main></html>',
    }),
  );
}

interface SignInLabels {
  email: string;
  password: string;
  submit: string;
}
const EN: SignInLabels = { email: 'Email', password: 'Password', submit: 'Sign in' };
const ZH: SignInLabels = { email: '电子邮箱', password: '密码', submit: '登录' };

/**
 * Fills the hosted form the way a user does: by its visible labels. (Not `exact`: the label's text is
 * "Email*" — the required marker is aria-hidden, so the accessible name is "Email".)
 */
async function fillSignIn(page: Page, user: Pick<E2eUser, 'email' | 'password'>, labels: SignInLabels): Promise<void> {
  const submit = page.getByRole('button', { name: labels.submit, exact: true });
  await expect(submit).toBeEnabled(); // disabled until hydrated
  await page.getByLabel(labels.email).fill(user.email);
  await page.getByLabel(labels.password).fill(user.password);
  await submit.click();
}

test.describe.serial('sign-in completed by openid-client', () => {
  let context: BrowserContext;
  let page: Page;
  let firstAuthTime: number | undefined;

  test.beforeAll(async ({ browser }) => {
    context = await browser.newContext({ locale: 'en-US' });
    await interceptCallback(context);
    page = await context.newPage();
  });
  test.afterAll(async () => {
    await context.close();
  });

  test('email + password, consent, then code → tokens → userinfo', async ({}, testInfo) => {
    const user = enUser;
    const request = await newAuthorizationRequest();

    await page.goto(request.url.href);
    await expect(page).toHaveURL(onPath(SIGN_IN_PATH));
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('button', { name: EN.submit, exact: true })).toBeEnabled();
    await screenshot(page, 'sign-in-en', testInfo);
    await scanAccessibility(page, 'sign-in-en', testInfo);

    await fillSignIn(page, user, EN);
    await page.waitForURL(onPath(CONSENT_PATH));
    const allow = page.getByRole('button', { name: 'Allow', exact: true });
    await expect(allow).toBeEnabled();
    await expect(page.getByRole('button', { name: 'Deny', exact: true })).toBeVisible();
    await screenshot(page, 'consent-en', testInfo);
    await scanAccessibility(page, 'consent-en', testInfo);

    await allow.click();
    await page.waitForURL(isCallback);
    const callbackUrl = new URL(page.url());
    expect(callbackUrl.searchParams.get('iss')).toBe(fixtures.issuer);
    expect(callbackUrl.searchParams.get('state')).toBe(request.state);

    const tokens = await redeem(oidc, callbackUrl, request);
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    const claims = tokens.claims();
    expect(claims).toBeDefined();
    expect(claims!.iss).toBe(fixtures.issuer);
    expect(claims!.sub).toBe(user.authId);
    expect([claims!.aud].flat()).toContain(fixtures.clientId);
    expect(claims!.nonce).toBe(request.nonce);
    firstAuthTime = claims!.auth_time;

    const userinfo = await client.fetchUserInfo(oidc, tokens.access_token, claims!.sub);
    expect(userinfo.sub).toBe(user.authId);
    expect(userinfo.email).toBe(user.email);

    // An authorization code is single-use.
    await expect(redeem(oidc, callbackUrl, request)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  test('a second authorization is answered from the SSO session, without the sign-in form', async () => {
    const user = enUser;
    const request = await newAuthorizationRequest();
    const navigations = recordNavigations(page);

    await page.goto(request.url.href);
    await page.waitForURL(isCallback);
    expect(navigations.map((url) => url.pathname).filter((pathname) => pathname.startsWith('/identity/'))).toEqual([]);

    const tokens = await redeem(oidc, new URL(page.url()), request);
    const claims = tokens.claims()!;
    expect(claims.sub).toBe(user.authId);
    expect(claims.nonce).toBe(request.nonce);
    if (firstAuthTime !== undefined) expect(claims.auth_time).toBe(firstAuthTime); // the same authentication event
  });
});

test('locale=zh-CN renders the hosted pages in Chinese', async ({ page, context }, testInfo) => {
  await interceptCallback(context);
  const request = await newAuthorizationRequest({ locale: 'zh-CN' });

  await page.goto(request.url.href);
  await expect(page).toHaveURL(onPath(SIGN_IN_PATH));
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByLabel(ZH.email)).toBeVisible();
  await expect(page.getByLabel(ZH.password)).toBeVisible();
  await expect(page.getByRole('button', { name: ZH.submit, exact: true })).toBeEnabled();
  await screenshot(page, 'sign-in-zh-CN', testInfo);
  await scanAccessibility(page, 'sign-in-zh-CN', testInfo);

  // A user who has not consented yet, so that the consent page shows.
  await fillSignIn(page, zhUser, ZH);
  await page.waitForURL(onPath(CONSENT_PATH));
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const allow = page.getByRole('button', { name: '允许', exact: true });
  await expect(allow).toBeEnabled();
  await expect(page.getByRole('button', { name: '拒绝', exact: true })).toBeVisible();
  await screenshot(page, 'consent-zh-CN', testInfo);
  await scanAccessibility(page, 'consent-zh-CN', testInfo);

  await allow.click();
  await page.waitForURL(isCallback);
  const tokens = await redeem(oidc, new URL(page.url()), request);
  expect(tokens.claims()!.sub).toBe(zhUser.authId);
});

test('a wrong password shows an error in the form and does not redirect', async ({ page, context }, testInfo) => {
  await interceptCallback(context);
  const navigations = recordNavigations(page);
  const request = await newAuthorizationRequest();
  await page.goto(request.url.href);
  await expect(page).toHaveURL(onPath(SIGN_IN_PATH));

  const user = enUser;
  await fillSignIn(page, { email: user.email, password: `${user.password}-wrong` }, EN);
  // Scoped to the form: Next's route announcer is another role="alert".
  const alert = page.locator('form').getByRole('alert');
  await expect(alert).toHaveText('The email or password is incorrect.');
  await expect(page).toHaveURL(onPath(SIGN_IN_PATH));
  await expect(page.getByLabel(EN.email)).toHaveValue(user.email);
  await screenshot(page, 'sign-in-wrong-password-en', testInfo);
  await scanAccessibility(page, 'sign-in-wrong-password-en', testInfo);
  expect(navigations.filter(isCallback)).toEqual([]);
});

test.describe('dark color scheme', () => {
  test.use({ colorScheme: 'dark' });

  test('sign-in with an error, and the error page', async ({ page }, testInfo) => {
    const request = await newAuthorizationRequest();
    await page.goto(request.url.href);
    await expect(page).toHaveURL(onPath(SIGN_IN_PATH));
    const user = enUser;
    await fillSignIn(page, { email: user.email, password: `${user.password}-wrong` }, EN);
    await expect(page.locator('form').getByRole('alert')).toHaveText('The email or password is incorrect.');
    await screenshot(page, 'sign-in-wrong-password-en-dark', testInfo);
    await scanAccessibility(page, 'sign-in-wrong-password-en-dark', testInfo);

    await page.goto(`${fixtures.baseURL}${ERROR_PATH}?code=invalid_client`);
    await expect(page.locator('[data-error-code="invalid_client"]')).toBeVisible();
    await screenshot(page, 'error-en-dark', testInfo);
    await scanAccessibility(page, 'error-en-dark', testInfo);
  });
});

test.describe('broken authorize parameters land on the localized error page', () => {
  /** An /authorize URL with everything valid except what `override` changes. */
  async function authorizeUrl(override: Record<string, string>): Promise<URL> {
    const url = new URL(oidc.serverMetadata().authorization_endpoint!);
    const params = {
      response_type: 'code',
      client_id: fixtures.clientId,
      redirect_uri: fixtures.redirectUri,
      scope: 'openid profile',
      state: client.randomState(),
      nonce: client.randomNonce(),
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
      ...override,
    };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url;
  }

  for (const locale of ['en', 'zh-CN'] as const) {
    test(`unknown client_id → invalid_client (${locale})`, async ({ page, context }, testInfo) => {
      const requests: string[] = [];
      context.on('request', (request) => requests.push(request.url()));
      await interceptCallback(context);
      const url = await authorizeUrl({ client_id: 'e2e-no-such-client', ...(locale === 'en' ? {} : { locale }) });

      await page.goto(url.href);
      await expect(page).toHaveURL(onPath(ERROR_PATH));
      expect(new URL(page.url()).searchParams.get('code')).toBe('invalid_client');
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expect(page.locator('[data-error-code="invalid_client"]')).toBeVisible();
      await expect(page.getByText(locale === 'en' ? 'Error code: invalid_client' : '错误代码：invalid_client')).toBeVisible();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(locale === 'en' ? 'Something went wrong' : '出了点问题');
      await screenshot(page, `error-${locale}`, testInfo);
      await scanAccessibility(page, `error-${locale}`, testInfo);
      // An unknown client's redirect_uri is never used, even one registered for another client.
      expect(requests.filter((href) => isCallback(new URL(href)))).toEqual([]);
    });
  }

  const unregistered = [
    ['same origin, longer path', () => `${fixtures.redirectUri}-evil`],
    ['other origin', () => 'https://evil.example/e2e/callback'],
  ] as const;
  for (const [name, target] of unregistered) {
    test(`unregistered redirect_uri (${name}) → invalid_redirect_uri, never visited`, async ({ page, context }, testInfo) => {
      const uri = target();
      const visited: string[] = [];
      // Record (and refuse) any request to the unregistered URI; nothing may reach it.
      await context.route(
        (url) => url.href.startsWith(uri),
        (route) => {
          visited.push(route.request().url());
          return route.abort();
        },
      );
      await page.goto((await authorizeUrl({ redirect_uri: uri })).href);
      await expect(page).toHaveURL(onPath(ERROR_PATH));
      expect(new URL(page.url()).searchParams.get('code')).toBe('invalid_redirect_uri');
      await expect(page.locator('[data-error-code="invalid_redirect_uri"]')).toBeVisible();
      await expect(page.getByText('Error code: invalid_redirect_uri')).toBeVisible();
      await expect(page.getByText("The application's return address is not registered")).toBeVisible();
      if (name === 'other origin') await screenshot(page, 'error-invalid-redirect-uri-en', testInfo);
      expect(visited).toEqual([]);
    });
  }
});
