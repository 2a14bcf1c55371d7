/**
 * Supported locales and locale negotiation for the hosted pages.
 *
 * URLs carry no locale prefix (Melody Auth's contract: `/identity/v1/...?locale=xx`). The locale is
 * chosen per request by `proxy.ts` with `resolveLocale` and handed to the app in the
 * `LOCALE_HEADER` request header; `lib/i18n/request.ts` reads it for next-intl.
 *
 * This module is dependency-free so that proxy.ts, route handlers, emails and tests can share it.
 */

/**
 * Locales that have a complete catalog in `messages/<locale>/` (see lib/i18n/catalog.ts). The first entry is the
 * default. A deployment offers the subset named by its SUPPORTED_LOCALES variable (config().supportedLocales).
 */
export const SUPPORTED_LOCALES = ['en', 'zh-CN', 'fr', 'de', 'es', 'ja', 'pt-BR', 'it'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Query parameter that selects a locale (OAuth `/authorize` and every hosted page). */
export const LOCALE_PARAM = 'locale';
/** Cookie that remembers an explicit choice made with the `locale` parameter. */
export const LOCALE_COOKIE = 'tessera_locale';
/** Request header through which proxy.ts tells the app which locale it resolved. */
export const LOCALE_HEADER = 'x-tessera-locale';
/** Request header through which proxy.ts passes the page's path + query (the locale switcher's links). */
export const PATH_HEADER = 'x-tessera-path';
/** One year, in seconds. */
export const LOCALE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/** Each locale's name in its own language (what a locale switcher shows; never translated). */
export const LOCALE_NATIVE_NAMES: Record<Locale, string> = {
  en: 'English',
  'zh-CN': '简体中文',
  fr: 'Français',
  de: 'Deutsch',
  es: 'Español',
  ja: '日本語',
  'pt-BR': 'Português (Brasil)',
  it: 'Italiano',
};

const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ku', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

/** Writing direction for `<html dir>`. */
export function localeDirection(locale: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(baseLanguage(locale)) ? 'rtl' : 'ltr';
}

export function isSupportedLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/**
 * The locales a deployment offers: its SUPPORTED_LOCALES setting (config().supportedLocales, in the
 * deployer's order, the first being its default) restricted to locales that have a catalog.
 */
export function offeredLocales(configured: readonly string[]): Locale[] {
  const offered = configured.filter(isSupportedLocale);
  return offered.length > 0 ? offered : [DEFAULT_LOCALE];
}

function normalizeTag(tag: string): string {
  return tag.trim().replace(/_/g, '-').toLowerCase();
}

function baseLanguage(tag: string): string {
  return normalizeTag(tag).split('-')[0] ?? '';
}

// A BCP 47-ish language range: letters, digits and hyphens, at most 35 characters (RFC 5646 allows
// longer private-use tags, but nothing we support needs them and it bounds the work per request).
const TAG_PATTERN = /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*$/;

/**
 * Maps one language tag to a supported locale:
 * 1. exact match, case-insensitive and `_`/`-` agnostic (`zh_cn` → `zh-CN`);
 * 2. same base language (`en-GB` → `en`, `zh` → `zh-CN`, `zh-Hant-TW` → `zh-CN`: the only Chinese
 *    catalog is better than falling through to another language).
 * Returns undefined for anything else, including `*` and malformed input.
 */
export function matchLocale<L extends string>(
  tag: string | null | undefined,
  supported: readonly L[],
): L | undefined {
  if (typeof tag !== 'string') return undefined;
  const wanted = normalizeTag(tag);
  if (wanted.length === 0 || wanted.length > 35 || !TAG_PATTERN.test(wanted)) return undefined;
  const exact = supported.find((l) => normalizeTag(l) === wanted);
  if (exact) return exact;
  const base = wanted.split('-')[0];
  return supported.find((l) => baseLanguage(l) === base);
}

interface WeightedRange {
  range: string;
  q: number;
  index: number;
}

const MAX_ACCEPT_LANGUAGE_ENTRIES = 32;

/**
 * Parses an Accept-Language header (RFC 9110 §12.5.4) into language ranges ordered by preference:
 * highest q first, header order among equal q. Entries with q=0 ("not acceptable") and malformed
 * entries are dropped. Only the first 32 entries are considered.
 */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  const ranges: WeightedRange[] = [];
  const parts = header.split(',', MAX_ACCEPT_LANGUAGE_ENTRIES);
  parts.forEach((part, index) => {
    const [rawRange, ...params] = part.split(';');
    const range = rawRange?.trim() ?? '';
    if (range === '') return;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.split('=').map((s) => s.trim());
      if (key?.toLowerCase() !== 'q') continue;
      if (value === undefined || !/^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(value)) {
        q = -1; // malformed weight: ignore the entry
      } else {
        q = Number(value);
      }
    }
    if (q <= 0) return;
    ranges.push({ range, q, index });
  });
  ranges.sort((a, b) => b.q - a.q || a.index - b.index);
  return ranges.map((r) => r.range);
}

export interface ResolveLocaleInput<L extends string = Locale> {
  /** The `locale` query parameter, if any. */
  param?: string | null;
  /** The `tessera_locale` cookie, if any. */
  cookie?: string | null;
  /** The raw Accept-Language request header, if any. */
  acceptLanguage?: string | null;
  /** Locales with a catalog; defaults to SUPPORTED_LOCALES. */
  supported?: readonly L[];
  /** Locale used when nothing else matches; defaults to DEFAULT_LOCALE. */
  fallback?: L;
}

export type LocaleSource = 'param' | 'cookie' | 'accept-language' | 'fallback';

/** Like resolveLocale, but also says which input decided (proxy.ts stores a `param` choice in the cookie). */
export function resolveLocaleWithSource<L extends string = Locale>(
  input: ResolveLocaleInput<L>,
): { locale: L; source: LocaleSource } {
  const supported = (input.supported ?? SUPPORTED_LOCALES) as readonly L[];
  const fallback = (input.fallback ?? supported[0] ?? DEFAULT_LOCALE) as L;

  const fromParam = matchLocale(input.param, supported);
  if (fromParam) return { locale: fromParam, source: 'param' };

  const fromCookie = matchLocale(input.cookie, supported);
  if (fromCookie) return { locale: fromCookie, source: 'cookie' };

  for (const range of parseAcceptLanguage(input.acceptLanguage)) {
    const match = matchLocale(range, supported);
    if (match) return { locale: match, source: 'accept-language' };
  }
  return { locale: fallback, source: 'fallback' };
}

/**
 * Chooses the locale for a request: the `locale` query parameter, then the `tessera_locale` cookie,
 * then Accept-Language (q-values, base-language matching), then the fallback. Unsupported or
 * malformed values at any step fall through to the next step.
 */
export function resolveLocale<L extends string = Locale>(input: ResolveLocaleInput<L>): L {
  return resolveLocaleWithSource(input).locale;
}
