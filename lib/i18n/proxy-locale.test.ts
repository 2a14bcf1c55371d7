// proxy.ts negotiates the page's locale among the deployment's SUPPORTED_LOCALES only: a catalog that
// exists in the code but that the deployer did not choose is never served, not even by ?locale=.
import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { proxy } from '@/proxy';
import { LOCALE_COOKIE, LOCALE_HEADER } from '@/lib/config/locales';

afterEach(() => resetConfigForTesting());

function visit(query: string, headers: Record<string, string> = {}) {
  const response = proxy(new NextRequest(`http://localhost:3999/identity/v1/sign-in${query}`, { headers }));
  // NextResponse.next({ request: { headers } }) hands the overridden request headers to the app this way.
  return { locale: response.headers.get(`x-middleware-request-${LOCALE_HEADER}`), cookie: response.cookies.get(LOCALE_COOKIE)?.value };
}

describe('proxy locale negotiation', () => {
  it('serves every catalog when the deployment offers them all', () => {
    overrideConfigForTesting({ supportedLocales: ['en', 'zh-CN', 'fr', 'de', 'es', 'ja', 'pt-BR', 'it'], defaultLocale: 'en' });
    expect(visit('?locale=ja')).toEqual({ locale: 'ja', cookie: 'ja' });
    expect(visit('?locale=pt').locale).toBe('pt-BR');
    expect(visit('', { 'accept-language': 'de-CH,de;q=0.9' }).locale).toBe('de');
  });

  it('keeps to the deployment’s SUPPORTED_LOCALES, its first entry being the fallback', () => {
    overrideConfigForTesting({ supportedLocales: ['fr', 'en'], defaultLocale: 'fr' });
    expect(visit('?locale=ja')).toEqual({ locale: 'fr', cookie: undefined });
    expect(visit('', { 'accept-language': 'ja, en;q=0.5' }).locale).toBe('en');
    expect(visit('', { cookie: `${LOCALE_COOKIE}=de` }).locale).toBe('fr');
    expect(visit('?locale=en')).toEqual({ locale: 'en', cookie: 'en' });
  });
});
