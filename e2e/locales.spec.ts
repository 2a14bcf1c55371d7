// The hosted pages in every language of the catalogs: the sign-in page reached through /authorize
// with `locale=` in each of the 8 locales (translated text from that locale's catalog, <html lang>,
// the switcher, axe, no sideways scrolling on a phone, Japanese words not broken there, a
// screenshot each); the consent page in a language the database has no scope texts for; and a
// deployment that offers only some languages.
import fs from 'node:fs';
import path from 'node:path';
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { scanAccessibility, screenshot } from './support/evidence';
import { loadFixtures } from './support/fixtures';
import { authorizationRequest, finishAtCallback, interceptCallback, startOwnServer, type RelyingParty } from './support/hosted';
import { ROOT } from './support/server';
import { createTestUser } from './support/users';

const LOCALES = ['en', 'zh-CN', 'fr', 'de', 'es', 'ja', 'pt-BR', 'it'] as const;
type Locale = (typeof LOCALES)[number];

const NATIVE_NAMES: Record<Locale, string> = {
  en: 'English',
  'zh-CN': '简体中文',
  fr: 'Français',
  de: 'Deutsch',
  es: 'Español',
  ja: '日本語',
  'pt-BR': 'Português (Brasil)',
  it: 'Italiano',
};

interface HostedCatalog {
  signIn: { title: string; email: string; password: string; submit: string; forgotPassword: string; signUp: string };
  consent: { allow: string; scopes: Record<string, string> };
  localeSwitcher: { label: string };
}

// The expected text comes from the catalogs themselves: the test checks that each page is in its
// language, not the wording (lib/i18n/messages.test.ts checks the catalogs).
const catalog = (locale: Locale): HostedCatalog =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'messages', locale, 'hosted.json'), 'utf8')) as HostedCatalog;

test.use({ locale: 'en-US' });
test.describe.configure({ timeout: 60_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

/** A field by its visible label, which may carry the required mark ("Email *"), and nothing longer ("Show password"). */
const label = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\*?$`);

/** True when the page is wider than the window (a long word or label pushing the layout sideways). */
const overflowsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

test.describe('every locale (suite server: all 8 offered)', () => {
  const fixtures = loadFixtures();
  const rp: RelyingParty = { baseURL: fixtures.baseURL, clientId: fixtures.clientId, redirectUri: fixtures.redirectUri, cliEnv: fixtures.cliEnv };

  for (const locale of LOCALES) {
    test(`sign-in page in ${locale}`, async ({ page }, testInfo) => {
      const t = catalog(locale);
      await page.goto(authorizationRequest(rp, { locale }).url);
      await expect(page).toHaveURL(/\/identity\/v1\/sign-in\?/);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.signIn.title);
      const form = page.getByTestId('sign-in-form');
      await expect(form.getByLabel(label(t.signIn.email))).toBeVisible();
      await expect(form.getByLabel(label(t.signIn.password))).toBeVisible();
      await expect(form.getByRole('button', { name: t.signIn.submit, exact: true })).toBeEnabled();

      // The switcher: every offered language by its own name and in its own language, the current one marked.
      const switcher = page.getByRole('navigation', { name: t.localeSwitcher.label });
      await expect(switcher.getByRole('link')).toHaveText(LOCALES.map((l) => NATIVE_NAMES[l]));
      const current = switcher.getByRole('link', { name: NATIVE_NAMES[locale] });
      await expect(current).toHaveAttribute('aria-current', 'true');
      await expect(current).toHaveAttribute('lang', locale);

      await screenshot(page, `locale-sign-in-${locale}`, testInfo);
      expect(await scanAccessibility(page, `locale-sign-in-${locale}`, testInfo)).toEqual([]);

      await page.setViewportSize({ width: 320, height: 720 });
      expect(await overflowsSideways(page), 'no sideways scrolling at 320 px').toBe(false);
      if (locale === 'ja') {
        // Japanese has no spaces: without word-break: auto-phrase (globals.css) the line broke
        // inside the word アカウントを作成 at this width.
        const signUp = page.getByRole('link', { name: t.signIn.signUp, exact: true });
        expect(await signUp.evaluate((link) => link.getClientRects().length), `${t.signIn.signUp} on one line`).toBe(1);
      }
      await screenshot(page, `locale-sign-in-${locale}-320px`, testInfo);
    });
  }

  test('the switcher changes the language of the same request, and the choice is remembered', async ({ page }) => {
    await page.goto(authorizationRequest(rp, { locale: 'ja' }).url);
    const signInUrl = new URL(page.url());
    await page.getByRole('navigation', { name: catalog('ja').localeSwitcher.label }).getByRole('link', { name: 'Deutsch' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(catalog('de').signIn.title);
    // Same sign-in request: only the locale parameter changed.
    expect(new URL(page.url()).searchParams.get('request')).toBe(signInUrl.searchParams.get('request'));
    // Without a locale parameter, the cookie set by the choice wins over Accept-Language (en-US).
    await page.goto(`${rp.baseURL}/identity/v1/error?code=invalid_request`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  });

  test('consent in French: the built-in scopes in French although the database holds en and zh-CN texts only', async ({ page, context }, testInfo) => {
    const user = await createTestUser(fixtures, 'locale-fr', 'Amélie');
    const t = catalog('fr');
    await interceptCallback(context, rp);
    const pending = authorizationRequest(rp, { locale: 'fr', scope: 'openid profile offline_access' });
    await page.goto(pending.url);
    const form = page.getByTestId('sign-in-form');
    await form.getByLabel(label(t.signIn.email)).fill(user.email);
    await form.getByLabel(label(t.signIn.password)).fill(user.password);
    await form.getByRole('button', { name: t.signIn.submit, exact: true }).click();
    await expect(page).toHaveURL(/\/identity\/v1\/consent\?/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    const consent = page.getByTestId('consent-form');
    for (const scope of ['openid', 'profile', 'offline_access']) await expect(consent.getByText(t.consent.scopes[scope]!, { exact: true })).toBeVisible();
    await screenshot(page, 'locale-consent-fr', testInfo);
    expect(await scanAccessibility(page, 'locale-consent-fr', testInfo)).toEqual([]);
    await consent.getByRole('button', { name: t.consent.allow, exact: true }).click();
    await page.waitForURL((url) => url.pathname !== '/identity/v1/consent');
    const claims = await finishAtCallback(page, rp, pending);
    expect(claims.sub).toBe(user.authId);
  });
});

test.describe('a deployment offering some languages', () => {
  test.describe.configure({ mode: 'serial' });

  test('SUPPORTED_LOCALES=de,fr,en: German first and the fallback; the switcher lists those three only', async ({ browser }) => {
    test.setTimeout(240_000); // a server of its own: first start of its database, migrations, seed
    const rp = await startOwnServer('locales-subset', { SUPPORTED_LOCALES: 'de,fr,en' });
    // A Japanese browser: neither the locale parameter nor Accept-Language names an offered language.
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    try {
      // ja has a catalog, but this deployment does not offer it: the page falls back to the
      // default, German.
      await page.goto(authorizationRequest(rp, { locale: 'ja' }).url);
      await expect(page.locator('html')).toHaveAttribute('lang', 'de');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(catalog('de').signIn.title);
      const switcher = page.getByRole('navigation', { name: catalog('de').localeSwitcher.label });
      await expect(switcher.getByRole('link')).toHaveText(['Deutsch', 'Français', 'English']);
      // Without a locale parameter or cookie, Accept-Language picks among the offered ones
      // (/authorize does the same and hands its choice to the sign-in page as ?locale=).
      // (The browser's own Accept-Language is the context's locale: the header is sent by hand.)
      await page.context().clearCookies();
      const response = await page.request.get(`${rp.baseURL}/identity/v1/error?code=invalid_request`, {
        headers: { 'accept-language': 'ja, fr-CA;q=0.8, en;q=0.5' },
      });
      expect(await response.text()).toContain('<html lang="fr"');
    } finally {
      await context.close();
      await rp.stop();
    }
  });

  test('ENABLE_LOCALE_SELECTOR=false: no switcher, the locale parameter still works', async ({ page }) => {
    test.setTimeout(240_000);
    const rp = await startOwnServer('locales-no-selector', { SUPPORTED_LOCALES: 'en,es', ENABLE_LOCALE_SELECTOR: 'false' });
    try {
      await page.goto(authorizationRequest(rp, { locale: 'es' }).url);
      await expect(page.locator('html')).toHaveAttribute('lang', 'es');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(catalog('es').signIn.title);
      await expect(page.getByRole('navigation', { name: catalog('es').localeSwitcher.label })).toHaveCount(0);
    } finally {
      await rp.stop();
    }
  });
});
