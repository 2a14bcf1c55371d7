// The language of a sign-in request: `locale`, then `ui_locales`, then the browser's preference
// (proxy.ts resolves the locale cookie and Accept-Language into the LOCALE_HEADER request header),
// then the deployment's default. Bug guarded: /authorize without `locale` ignored the browser's
// language and always showed the default locale.
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as authorizeGET } from '@/app/oauth2/v1/authorize/route';
import { overrideConfigForTesting } from '@/lib/config';
import { LOCALE_HEADER } from '@/lib/config/locales';
import { authorizeParams, makePkce, makeSpaApp } from '@/lib/testing/factories';

type SpaApp = Awaited<ReturnType<typeof makeSpaApp>>;
let app: SpaApp;

beforeAll(async () => {
  overrideConfigForTesting({ supportedLocales: ['en', 'de', 'ja'], defaultLocale: 'en' });
  app = await makeSpaApp();
});

async function signInPageLocale(extra: Record<string, string>, browserLocale?: string): Promise<string | null> {
  const params = authorizeParams(app, makePkce(), extra);
  const headers: Record<string, string> = browserLocale ? { [LOCALE_HEADER]: browserLocale } : {};
  const response = await authorizeGET(new NextRequest(`http://localhost:3999/oauth2/v1/authorize?${params}`, { headers }));
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location')!);
  expect(location.pathname).toBe('/identity/v1/sign-in');
  return location.searchParams.get('locale');
}

describe('authorize: the sign-in page language (bug: the browser language was ignored)', () => {
  it("follows the browser's preferred locale when the client names none", async () => {
    expect(await signInPageLocale({}, 'ja')).toBe('ja');
    expect(await signInPageLocale({}, 'de')).toBe('de');
  });

  it('prefers the locale and ui_locales parameters over the browser', async () => {
    expect(await signInPageLocale({ locale: 'de' }, 'ja')).toBe('de');
    expect(await signInPageLocale({ ui_locales: 'xx ja-JP' }, 'de')).toBe('ja');
  });

  it("falls back to the default for a language the deployment doesn't offer", async () => {
    expect(await signInPageLocale({}, 'fr')).toBe('en');
    expect(await signInPageLocale({})).toBe('en');
  });
});
