// Popup sign-in (authorize_method=popup, Melody's loginPopup) in a real browser: a relying-party page
// at the registered redirect URI opens the popup the way Melody's SDK does; the popup signs in on
// the hosted pages and ends on /identity/v1/popup-complete, which posts the result to the opener
// and closes itself. The code is redeemed with the opener's PKCE verifier.
import { createHash, randomBytes } from 'node:crypto';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { scanAccessibility, screenshot } from './support/evidence';
import { loadFixtures, type E2eFixtures } from './support/fixtures';

test.use({ locale: 'en-US' });

let fixtures: E2eFixtures;
test.beforeAll(() => {
  fixtures = loadFixtures();
});

const OPENER_PAGE = `<!doctype html><html lang="en"><title>Relying party</title><main><h1>Relying party</h1></main>
<script>
  window.messages = [];
  window.addEventListener('message', (event) => window.messages.push({ origin: event.origin, data: event.data }));
</script></html>`;

/** Serves the relying party's page at the redirect URI (the server does not serve that path). */
async function serveOpener(context: BrowserContext): Promise<void> {
  await context.route(
    (url) => `${url.origin}${url.pathname}` === fixtures.redirectUri,
    (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: OPENER_PAGE }),
  );
}

function popupAuthorizeUrl(extra: Record<string, string> = {}) {
  const verifier = randomBytes(48).toString('base64url');
  const state = randomBytes(21).toString('hex');
  const url = new URL('/oauth2/v1/authorize', fixtures.baseURL);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: fixtures.clientId,
    redirect_uri: fixtures.redirectUri,
    scope: 'openid profile offline_access',
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    authorize_method: 'popup',
    ...extra,
  }).toString();
  return { url: url.href, verifier, state };
}

/** Opens the popup from the opener page like Melody's SDK (window.open with a name and features). */
async function openPopup(opener: Page, url: string): Promise<Page> {
  const [popup] = await Promise.all([
    opener.context().waitForEvent('page'),
    opener.evaluate((href) => void window.open(href, 'LoginPopup', 'width=500,height=600'), url),
  ]);
  return popup;
}

interface ReceivedMessage {
  origin: string;
  data: Record<string, string>;
}

async function receivedMessages(opener: Page): Promise<ReceivedMessage[]> {
  return opener.evaluate(() => (window as unknown as { messages: ReceivedMessage[] }).messages);
}

async function redeem(code: string, verifier: string) {
  const response = await fetch(new URL('/oauth2/v1/token', fixtures.baseURL), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: fixtures.redirectUri }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

test.describe.serial('popup sign-in', () => {
  let context: BrowserContext;
  let opener: Page;

  test.beforeAll(async ({ browser }) => {
    context = await browser.newContext({ locale: 'en-US' });
    await serveOpener(context);
    opener = await context.newPage();
    await opener.goto(fixtures.redirectUri);
  });
  test.afterAll(async () => {
    await context.close();
  });

  test('signs in inside the popup; the opener receives { state, code, locale, org, redirectUri } and the popup closes', async ({}, testInfo) => {
    const request = popupAuthorizeUrl();
    const popup = await openPopup(opener, request.url);
    const closed = popup.waitForEvent('close');

    await popup.waitForURL((url) => url.pathname === '/identity/v1/sign-in');
    const submit = popup.getByRole('button', { name: 'Sign in', exact: true });
    await expect(submit).toBeEnabled();
    await popup.getByLabel('Email').fill(fixtures.users.primary.email);
    await popup.getByLabel('Password').fill(fixtures.users.primary.password);
    await submit.click();
    // The user may have consented to this client in an earlier test: then the popup closes at once.
    const askedConsent = await Promise.race([
      closed.then(() => false),
      popup.waitForURL((url) => url.pathname === '/identity/v1/consent').then(() => true, () => false),
    ]);
    if (askedConsent) {
      const allow = popup.getByRole('button', { name: 'Allow', exact: true });
      await expect(allow).toBeEnabled();
      await allow.click();
    }
    await closed;

    const messages = await receivedMessages(opener);
    expect(messages).toHaveLength(1);
    const [{ origin, data }] = messages as [ReceivedMessage];
    expect(origin).toBe(fixtures.baseURL);
    expect(data).toEqual({ state: request.state, code: data.code, locale: 'en', org: '', redirectUri: fixtures.redirectUri });
    expect(opener.url()).toBe(fixtures.redirectUri); // the opener never navigated

    const tokens = await redeem(data.code!, request.verifier);
    expect(tokens.status).toBe(200);
    expect(tokens.body.access_token).toBeTruthy();
    await testInfo.attach('popup-message', { body: JSON.stringify({ origin, keys: Object.keys(data) }), contentType: 'application/json' });
  });

  test('with the SSO session, /authorize answers the popup at once', async () => {
    const request = popupAuthorizeUrl({ locale: 'zh-CN' });
    const before = (await receivedMessages(opener)).length;
    const popup = await openPopup(opener, request.url);
    await popup.waitForEvent('close');

    const messages = await receivedMessages(opener);
    expect(messages).toHaveLength(before + 1);
    const { data } = messages.at(-1)!;
    expect(data).toMatchObject({ state: request.state, locale: 'zh-CN', redirectUri: fixtures.redirectUri });
    expect((await redeem(data.code!, request.verifier)).status).toBe(200);
  });
});

test('without an opener, the popup page only says it can be closed (localized) and drops the fragment', async ({ page }, testInfo) => {
  const fragment = new URLSearchParams({ redirect_uri: 'https://rp.example.test/cb', code: 'not-a-real-code', state: 's' });
  await page.goto(`${fixtures.baseURL}/identity/v1/popup-complete?locale=zh-CN#${fragment}`);
  await expect(page.getByRole('heading', { level: 1, name: '你可以关闭此窗口' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect.poll(() => new URL(page.url()).hash).toBe('');
  await screenshot(page, 'popup-complete-zh-CN', testInfo);
  await scanAccessibility(page, 'popup-complete-zh-CN', testInfo);
});
