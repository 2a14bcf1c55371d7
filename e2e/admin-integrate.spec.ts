// An app's page in the dashboard (/admin/apps/<id>) and its Integrate tab: the values a developer
// pastes (issuer, discovery URL, client ID, URIs), the code per library of the app's type —
// exactly lib/integration/snippets.ts rendered with the app's values, the code the example apps
// run — with copy buttons, in all 8 locales (the code stays code); the test sign-in: an admin with
// write_app allows Tessera's loopback redirect URI, runs the app's own authorize flow in a popup
// and sees the real ID token claims; a code reaching that callback without the session's pending
// test shows nothing; a read-only role gets the tab without the write button. axe (light and dark).
import fs from 'node:fs';
import path from 'node:path';
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { renderForApp, SNIPPETS, snippetsFor, type AppIntegrationValues } from '../lib/integration/snippets';
import { adminApi } from './support/admin-api';
import { adminPage, checkA11y, createAdminWithScopes, createSuperAdmin } from './support/admin-ui';
import { signInOnHostedPage } from './support/examples';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';
import { authorizationRequest } from './support/hosted';
import { ROOT } from './support/server';

test.describe.configure({ timeout: 240_000 });
const expect = baseExpect.configure({ timeout: 10_000 });

const LOCALES = ['en', 'zh-CN', 'fr', 'de', 'es', 'ja', 'pt-BR', 'it'] as const;
const catalog = (locale: string) =>
  (JSON.parse(fs.readFileSync(path.join(ROOT, 'messages', locale, 'admin-integrate.json'), 'utf8')) as { adminIntegrate: { tabIntegrate: string; code: { title: string } } }).adminIntegrate;

let fixtures: E2eFixtures;
let superAdmin: E2eUser;
let spa: { id: string; clientId: string; name: string };
let s2s: { id: string; clientId: string; name: string };
const callbackUrl = () => `${fixtures.baseURL}/admin/test-sign-in/callback`;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  fixtures = loadFixtures();
  superAdmin = await createSuperAdmin(fixtures, 'integrate-super');
  const api = await adminApi(fixtures);
  const stamp = Date.now().toString(36);
  const created = await api.call<{ app: typeof spa }>('POST', '/api/v1/apps', {
    name: `e2e-integrate-${stamp}`,
    type: 'spa',
    redirectUris: ['https://app.example.com/callback'],
    postLogoutRedirectUris: ['https://app.example.com/'],
  });
  expect(created.status).toBe(201);
  spa = created.body.app;
  const service = await api.call<{ app: typeof s2s }>('POST', '/api/v1/apps', { name: `e2e-integrate-s2s-${stamp}`, type: 's2s', scopes: ['read_user'] });
  expect(service.status).toBe(201);
  s2s = service.body.app;
});

const spaValues = (extraRedirects: string[] = []): AppIntegrationValues => ({
  issuer: fixtures.issuer,
  clientId: spa.clientId,
  redirectUris: ['https://app.example.com/callback', ...extraRedirects].filter((uri) => uri !== callbackUrl()),
  postLogoutRedirectUris: ['https://app.example.com/'],
  scopes: ['openid', 'profile', 'offline_access'],
});

const codeTabs = (page: Page) => page.getByRole('tablist', { name: 'Libraries' });

test('the Integrate tab shows the app’s values and, per library, the examples’ code filled in; copy buttons copy it', async ({ browser }, testInfo) => {
  const { context, page } = await adminPage(browser, superAdmin, '/admin/apps');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('link', { name: spa.name, exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === `/admin/apps/${spa.id}`);
  await expect(page.getByRole('heading', { level: 1, name: spa.name })).toBeVisible();
  await expect(page.getByText(spa.clientId).first()).toBeVisible(); // Settings tab
  await page.getByRole('tab', { name: 'Integrate' }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get('tab') === 'integrate');

  const values = page.getByRole('region', { name: 'Your app’s values' }).or(page.locator('section[aria-labelledby="integrate-values"]'));
  await expect(values).toContainText(fixtures.issuer);
  await expect(values).toContainText(`${fixtures.issuer}/.well-known/openid-configuration`);
  await expect(values).toContainText(spa.clientId);
  await expect(values).toContainText('https://app.example.com/callback');
  await page.getByRole('button', { name: 'Copy Discovery URL' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${fixtures.issuer}/.well-known/openid-configuration`);

  // every library of a SPA: the code is the snippet rendered with this app's values
  await expect(codeTabs(page).getByRole('tab').first()).toBeVisible();
  const names = await codeTabs(page).getByRole('tab').allTextContents();
  expect(names).toEqual(snippetsFor('spa').map((snippet) => snippet.label));
  for (const snippet of snippetsFor('spa')) {
    await codeTabs(page).getByRole('tab', { name: snippet.label }).click();
    const code = page.getByTestId('snippet-code');
    await expect(code).toHaveText(renderForApp(snippet, spaValues()), { useInnerText: true });
    await expect(page.getByText(`Used in ${snippet.exampleFile}`)).toBeVisible();
    // Melody's SDKs and an app that rotates refresh tokens: the tab says to turn rotation off
    await expect(page.getByText('turn refresh-token rotation off for this app')).toHaveCount(snippet.id.startsWith('melody') ? 1 : 0);
  }
  await page.getByRole('button', { name: 'Copy code' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(renderForApp(SNIPPETS.find((snippet) => snippet.id === 'api-jose')!, spaValues()));
  await checkA11y(page, 'admin-integrate-spa', testInfo);
  await context.close();
});

test('test sign-in: allowing the loopback redirect URI, the app’s own flow in a popup, the real ID token claims', async ({ browser }, testInfo) => {
  const { context, page } = await adminPage(browser, superAdmin, `/admin/apps/${spa.id}?tab=integrate`);
  const test = page.locator('section[aria-labelledby="integrate-test"]');
  await expect(test).toContainText(callbackUrl());
  await expect(test.getByRole('button', { name: 'Test sign-in', exact: true })).toHaveCount(0);
  await test.getByRole('button', { name: 'Allow test sign-in' }).click();
  await expect(page.getByTestId('toasts-status')).toContainText(`${spa.name} now allows the test sign-in.`);
  // the dashboard's own redirect URI never shows up in the app's code
  await expect(page.getByTestId('snippet-code')).not.toContainText('/admin/test-sign-in/callback');

  const [popup] = await Promise.all([context.waitForEvent('page'), test.getByRole('button', { name: 'Test sign-in', exact: true }).click()]);
  await expect(test).toContainText('Waiting for the sign-in in the popup');
  // the admin's SSO session signs in; this third-party app asks for consent first
  await popup.waitForURL((url) => url.pathname === '/identity/v1/consent' || url.pathname === '/admin/test-sign-in/result');
  if (new URL(popup.url()).pathname === '/identity/v1/consent') await popup.getByTestId('consent-form').getByRole('button', { name: 'Allow', exact: true }).click();
  await popup.waitForURL((url) => url.pathname === '/admin/test-sign-in/result');
  await expect(popup.getByRole('status')).toHaveText(`Signed in to ${spa.name}. The claims of the ID token:`);
  await expect(popup.getByTestId('claims')).toContainText(superAdmin.authId);
  await checkA11y(popup, 'admin-integrate-test-result', testInfo);

  const claims = test.getByTestId('claims');
  await expect(claims.getByRole('row', { name: /^sub / })).toContainText(superAdmin.authId);
  await expect(claims.getByRole('row', { name: /^aud / })).toContainText(spa.clientId);
  await expect(claims.getByRole('row', { name: /^iss / })).toContainText(fixtures.issuer);
  await expect(claims.getByRole('row', { name: /^email / })).toContainText(superAdmin.email);
  await checkA11y(page, 'admin-integrate-test-claims', testInfo);
  await popup.getByRole('button', { name: 'Close this window' }).click();
  await context.close();
});

test('a code sent to the test callback without this session’s pending test is never shown (crafted request, no dashboard session)', async ({ browser }) => {
  const user = superAdmin;
  // an app of its own that allows the test callback (allowing it through the UI is the test above)
  const api = await adminApi(fixtures);
  const target = await api.call<{ app: typeof spa }>('POST', '/api/v1/apps', {
    name: `e2e-integrate-cb-${Date.now().toString(36)}`,
    type: 'spa',
    redirectUris: [callbackUrl()],
    skipConsent: true,
  });
  expect(target.status).toBe(201);
  const rp = { baseURL: fixtures.baseURL, clientId: target.body.app.clientId, redirectUri: callbackUrl(), cliEnv: fixtures.cliEnv };
  // a dashboard session, but the request was not started by its Integrate tab
  const { context, page } = await adminPage(browser, user, '/admin');
  const crafted = authorizationRequest(rp, { scope: 'openid profile', nonce: 'crafted' });
  await page.goto(crafted.url);
  await page.waitForURL((url) => url.pathname === '/admin/test-sign-in/result');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('No test sign-in was started from your dashboard session in this browser');
  await expect(page.getByTestId('claims')).toHaveCount(0);
  await context.close();

  // no dashboard session at all: signed in on the hosted pages only
  const anonymous = await browser.newContext({ locale: 'en-US' });
  const other = await anonymous.newPage();
  await other.goto(authorizationRequest(rp, { scope: 'openid profile' }).url);
  await signInOnHostedPage(other, user, (url) => url.pathname === '/admin/test-sign-in/result');
  await expect(other.getByRole('main').getByRole('alert')).toHaveText('Sign in to the dashboard first, then start the test from the app’s Integrate tab.');
  await expect(other.getByTestId('claims')).toHaveCount(0);
  await anonymous.close();
});

test('an S2S app gets the openid-client and curl code with its scopes and no test sign-in; a read-only role cannot allow the test redirect URI', async ({ browser }, testInfo) => {
  const { context, page } = await adminPage(browser, superAdmin, `/admin/apps/${s2s.id}?tab=integrate`);
  const values: AppIntegrationValues = { issuer: fixtures.issuer, clientId: s2s.clientId, redirectUris: [], postLogoutRedirectUris: [], scopes: ['read_user'] };
  await expect(codeTabs(page).getByRole('tab').first()).toBeVisible();
  expect(await codeTabs(page).getByRole('tab').allTextContents()).toEqual(['openid-client (Node)', 'curl']);
  for (const snippet of snippetsFor('s2s')) {
    await codeTabs(page).getByRole('tab', { name: snippet.label }).click();
    await expect(page.getByTestId('snippet-code')).toHaveText(renderForApp(snippet, values), { useInnerText: true });
  }
  await expect(page.getByTestId('snippet-code')).toContainText('CLIENT_SECRET="${TESSERA_CLIENT_SECRET:?set TESSERA_CLIENT_SECRET}"');
  await expect(page.getByText('S2S apps have no user sign-in: use the client-credentials code above.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Test sign-in', exact: true })).toHaveCount(0);
  await checkA11y(page, 'admin-integrate-s2s', testInfo);
  await context.close();

  const reader = await createAdminWithScopes(fixtures, 'integrate-reader', ['read_app']);
  const other = await browser.newContext({ locale: 'en-US' });
  const readerPage = await other.newPage();
  const { signInToAdmin } = await import('./support/admin-ui');
  const fresh = await (await import('./support/admin-api')).adminApi(fixtures);
  const readOnlyApp = (await fresh.call<{ app: typeof spa }>('POST', '/api/v1/apps', { name: `e2e-integrate-ro-${Date.now().toString(36)}`, type: 'spa' })).body.app;
  await signInToAdmin(readerPage, reader, `/admin/apps/${readOnlyApp.id}?tab=integrate`);
  await expect(readerPage.getByText('An admin who may edit apps can allow it.')).toBeVisible();
  await expect(readerPage.getByRole('button', { name: 'Allow test sign-in' })).toHaveCount(0);
  await expect(readerPage.getByText('This app has no redirect URI yet')).toBeVisible();
  await other.close();
});

test('all 8 locales: the tab is translated and the code stays code', async ({ browser }, testInfo) => {
  const { context, page } = await adminPage(browser, superAdmin, '/admin');
  const oidc = SNIPPETS.find((snippet) => snippet.id === 'oidc-client-ts')!;
  for (const locale of LOCALES) {
    await page.goto(`/admin/apps/${spa.id}?tab=integrate&locale=${locale}`);
    const texts = catalog(locale);
    await expect(page.getByRole('tab', { name: texts.tabIntegrate, exact: true })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('heading', { level: 2, name: texts.code.title })).toBeVisible();
    await page.getByRole('tab', { name: 'oidc-client-ts', exact: true }).click();
    const registered = await page.evaluate(async (id) => ((await (await fetch(`/api/v1/apps/${id}`)).json()) as { app: { redirectUris: string[] } }).app.redirectUris, spa.id);
    await expect(page.getByTestId('snippet-code')).toHaveText(renderForApp(oidc, { ...spaValues(), redirectUris: registered.filter((uri) => uri !== callbackUrl()) }), { useInnerText: true });
    if (locale === 'ja') await checkA11y(page, 'admin-integrate-ja', testInfo);
  }
  await page.goto('/admin?locale=en');
  await context.close();
});
