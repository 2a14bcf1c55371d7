import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOCALE,
  LOCALE_NATIVE_NAMES,
  SUPPORTED_LOCALES,
  isSupportedLocale,
  localeDirection,
  matchLocale,
  offeredLocales,
  parseAcceptLanguage,
  resolveLocale,
  resolveLocaleWithSource,
} from './locales';

const supported = ['en', 'zh-CN'] as const;

describe('supported locales', () => {
  it('defaults to en and has catalogs for the eight languages of the hosted pages', () => {
    expect(DEFAULT_LOCALE).toBe('en');
    expect(SUPPORTED_LOCALES).toEqual(['en', 'zh-CN', 'fr', 'de', 'es', 'ja', 'pt-BR', 'it']);
    expect(isSupportedLocale('pt-BR')).toBe(true);
    expect(isSupportedLocale('pt')).toBe(false);
    expect(isSupportedLocale('zh-CN')).toBe(true);
    expect(isSupportedLocale('zh')).toBe(false);
    expect(isSupportedLocale(undefined)).toBe(false);
  });

  it('knows the writing direction', () => {
    expect(localeDirection('en')).toBe('ltr');
    expect(localeDirection('zh-CN')).toBe('ltr');
    expect(localeDirection('ar-EG')).toBe('rtl');
    expect(localeDirection('he')).toBe('rtl');
  });
});

describe('LOCALE_NATIVE_NAMES', () => {
  it('names every supported locale in its own language', () => {
    expect(Object.keys(LOCALE_NATIVE_NAMES).sort()).toEqual([...SUPPORTED_LOCALES].sort());
    expect(LOCALE_NATIVE_NAMES.de).toBe('Deutsch');
    expect(LOCALE_NATIVE_NAMES.ja).toBe('日本語');
    expect(LOCALE_NATIVE_NAMES['pt-BR']).toBe('Português (Brasil)');
  });
});

describe('offeredLocales', () => {
  it('keeps the order of the deployment and drops locales without a catalog', () => {
    expect(offeredLocales(['de', 'en', 'xx', 'ja'])).toEqual(['de', 'en', 'ja']);
    expect(offeredLocales(['pt-BR'])).toEqual(['pt-BR']);
  });

  it('falls back to the default locale when nothing configured has a catalog', () => {
    expect(offeredLocales([])).toEqual(['en']);
    expect(offeredLocales(['xx'])).toEqual(['en']);
  });

  it('lets negotiation pick only an offered locale, the first one as the fallback', () => {
    const supported = offeredLocales(['de', 'fr']);
    expect(resolveLocale({ param: 'ja', acceptLanguage: 'en-US, fr;q=0.5', supported })).toBe('fr');
    expect(resolveLocale({ cookie: 'zh-CN', supported })).toBe('de');
  });
});

describe('matchLocale', () => {
  it('matches exactly, ignoring case and underscores', () => {
    expect(matchLocale('en', supported)).toBe('en');
    expect(matchLocale('zh-CN', supported)).toBe('zh-CN');
    expect(matchLocale('zh-cn', supported)).toBe('zh-CN');
    expect(matchLocale('ZH_CN', supported)).toBe('zh-CN');
  });

  it('falls back to the base language', () => {
    expect(matchLocale('en-GB', supported)).toBe('en');
    expect(matchLocale('en-US', supported)).toBe('en');
    expect(matchLocale('zh', supported)).toBe('zh-CN');
    expect(matchLocale('zh-Hans', supported)).toBe('zh-CN');
    expect(matchLocale('zh-TW', supported)).toBe('zh-CN');
    expect(matchLocale('pt', SUPPORTED_LOCALES)).toBe('pt-BR');
    expect(matchLocale('pt-PT', SUPPORTED_LOCALES)).toBe('pt-BR');
    expect(matchLocale('de-AT', SUPPORTED_LOCALES)).toBe('de');
    expect(matchLocale('ja-JP', SUPPORTED_LOCALES)).toBe('ja');
    expect(matchLocale('fr-CA', SUPPORTED_LOCALES)).toBe('fr');
  });

  it('prefers an exact match over a base-language match', () => {
    expect(matchLocale('zh-TW', ['zh-CN', 'zh-TW'])).toBe('zh-TW');
    expect(matchLocale('pt-BR', ['pt', 'pt-BR'])).toBe('pt-BR');
    expect(matchLocale('pt-PT', ['pt-BR', 'pt'])).toBe('pt-BR');
  });

  it('rejects unsupported, empty, wildcard and malformed values', () => {
    expect(matchLocale('fr', supported)).toBeUndefined();
    expect(matchLocale('', supported)).toBeUndefined();
    expect(matchLocale('   ', supported)).toBeUndefined();
    expect(matchLocale('*', supported)).toBeUndefined();
    expect(matchLocale(null, supported)).toBeUndefined();
    expect(matchLocale(undefined, supported)).toBeUndefined();
    expect(matchLocale('en;q=1', supported)).toBeUndefined();
    expect(matchLocale('../en', supported)).toBeUndefined();
    expect(matchLocale('en-' + 'x'.repeat(40), supported)).toBeUndefined();
    expect(matchLocale('-en', supported)).toBeUndefined();
  });
});

describe('parseAcceptLanguage', () => {
  it('orders ranges by q-value, then by position', () => {
    expect(parseAcceptLanguage('fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5')).toEqual([
      'fr-CH',
      'fr',
      'en',
      'de',
      '*',
    ]);
    expect(parseAcceptLanguage('de;q=0.5, zh-CN;q=0.9, en')).toEqual(['en', 'zh-CN', 'de']);
    expect(parseAcceptLanguage('a;q=0.5, b;q=0.5, c;q=0.5')).toEqual(['a', 'b', 'c']);
  });

  it('drops q=0 and malformed weights, tolerates whitespace and empty entries', () => {
    expect(parseAcceptLanguage('en;q=0, zh-CN;q=0.1')).toEqual(['zh-CN']);
    expect(parseAcceptLanguage('en;q=0.000')).toEqual([]);
    expect(parseAcceptLanguage('en;q=abc, zh')).toEqual(['zh']);
    expect(parseAcceptLanguage('en;q=1.5, zh')).toEqual(['zh']);
    expect(parseAcceptLanguage(' en ;  q=0.4 ,, zh ; Q=0.6 ')).toEqual(['zh', 'en']);
    expect(parseAcceptLanguage('')).toEqual([]);
    expect(parseAcceptLanguage(null)).toEqual([]);
  });

  it('bounds the work on very long headers', () => {
    const header = Array.from({ length: 500 }, (_, i) => `x${i}`).join(',');
    expect(parseAcceptLanguage(header)).toHaveLength(32);
  });
});

describe('resolveLocale', () => {
  it('uses the locale parameter first', () => {
    expect(
      resolveLocale({ param: 'zh-CN', cookie: 'en', acceptLanguage: 'en', supported, fallback: 'en' }),
    ).toBe('zh-CN');
    // Melody clients send `zh`: base-language matching maps it to our zh-CN catalog.
    expect(resolveLocale({ param: 'zh', supported, fallback: 'en' })).toBe('zh-CN');
  });

  it('ignores an unsupported parameter and uses the cookie', () => {
    expect(
      resolveLocale({ param: 'fr', cookie: 'zh-CN', acceptLanguage: 'en', supported, fallback: 'en' }),
    ).toBe('zh-CN');
  });

  it('uses Accept-Language when there is no usable parameter or cookie', () => {
    expect(resolveLocale({ cookie: 'xx', acceptLanguage: 'fr, zh;q=0.8, en;q=0.5', supported, fallback: 'en' })).toBe(
      'zh-CN',
    );
    expect(resolveLocale({ acceptLanguage: 'en-GB,en;q=0.9', supported, fallback: 'zh-CN' })).toBe('en');
    expect(resolveLocale({ acceptLanguage: 'de-DE, en;q=0.1, zh-CN;q=0.2', supported, fallback: 'en' })).toBe(
      'zh-CN',
    );
  });

  it('takes the most preferred acceptable language, not the first supported one', () => {
    expect(resolveLocale({ acceptLanguage: 'zh-CN;q=0.3, en-US;q=0.7', supported, fallback: 'zh-CN' })).toBe('en');
  });

  it('falls back to the default', () => {
    expect(resolveLocale({ supported, fallback: 'en' })).toBe('en');
    expect(resolveLocale({ acceptLanguage: 'fr, de', supported, fallback: 'zh-CN' })).toBe('zh-CN');
    expect(resolveLocale({ acceptLanguage: '*', supported, fallback: 'zh-CN' })).toBe('zh-CN');
    expect(resolveLocale({ acceptLanguage: 'en;q=0', supported, fallback: 'zh-CN' })).toBe('zh-CN');
  });

  it('defaults supported and fallback to the built-in list', () => {
    expect(resolveLocale({})).toBe(DEFAULT_LOCALE);
    expect(resolveLocale({ param: 'zh-cn' })).toBe('zh-CN');
  });

  it('reports which input decided', () => {
    expect(resolveLocaleWithSource({ param: 'zh', supported, fallback: 'en' })).toEqual({
      locale: 'zh-CN',
      source: 'param',
    });
    expect(resolveLocaleWithSource({ param: 'fr', cookie: 'en', supported, fallback: 'en' }).source).toBe('cookie');
    expect(resolveLocaleWithSource({ acceptLanguage: 'en-AU', supported, fallback: 'zh-CN' }).source).toBe(
      'accept-language',
    );
    expect(resolveLocaleWithSource({ acceptLanguage: 'fr', supported, fallback: 'en' }).source).toBe('fallback');
  });
});
