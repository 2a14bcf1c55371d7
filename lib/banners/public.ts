// App banners as the hosted pages and apps read them (ENABLE_APP_BANNER): the active banners
// linked to one SPA app. lib/banners/admin.ts manages them.
//
// Text of a banner in a locale: its BannerLocale for that locale, else one for the same language
// (zh ↔ zh-CN), else the banner's default text, else its text in the deployment's default locale.
// A banner with no text at all is not shown.
import { config } from '@/lib/config';
import { db } from '@/lib/db';
import type { BannerType } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';
import { BannerErrors } from './errors';

export interface LocalizedBanner {
  id: string;
  type: BannerType;
  text: string;
  /** Language of `text` (the default text counts as the deployment's default locale). */
  lang: string;
}

interface BannerWithLocales {
  id: string;
  type: BannerType;
  text: string;
  locales: { locale: string; value: string }[];
}

const language = (locale: string) => locale.split('-')[0]!.toLowerCase();

/** The banner's text for `locale` by the rules above and its language, or null (pure; exported for tests). */
export function localizeBanner(banner: Pick<BannerWithLocales, 'text' | 'locales'>, locale: string, defaultLocale: string): { text: string; lang: string } | null {
  const texts = banner.locales.filter((entry) => entry.value.trim() !== '');
  const exact = texts.find((entry) => entry.locale.toLowerCase() === locale.toLowerCase());
  const sameLanguage = texts.find((entry) => language(entry.locale) === language(locale));
  const fallback = texts.find((entry) => entry.locale.toLowerCase() === defaultLocale.toLowerCase());
  const chosen = exact ?? sameLanguage ?? (banner.text.trim() ? { locale: defaultLocale, value: banner.text } : fallback);
  return chosen ? { text: chosen.value.trim(), lang: chosen.locale } : null;
}

/** localizeBanner's text only. */
export function bannerText(banner: Pick<BannerWithLocales, 'text' | 'locales'>, locale: string, defaultLocale: string): string | null {
  return localizeBanner(banner, locale, defaultLocale)?.text ?? null;
}

const activeForApp = (appId: string) => ({ isActive: true, apps: { some: { appId } } });

/** Active banners of an app, localized, oldest first; [] while ENABLE_APP_BANNER is off. */
export async function bannersForApp(appId: string, locale: string): Promise<LocalizedBanner[]> {
  if (!config().enableAppBanner) return [];
  const banners = await db.banner.findMany({
    where: activeForApp(appId),
    include: { locales: { select: { locale: true, value: true } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const { defaultLocale } = config();
  return banners.flatMap((banner) => {
    const localized = localizeBanner(banner, locale, defaultLocale);
    return localized ? [{ id: banner.id, type: banner.type, ...localized }] : [];
  });
}

/**
 * Melody's GET /identity/v1/app-banners?client_id=: `{ banners }`, the active banners of a SPA app
 * with every locale (the app picks the text). 400 feature_disabled while ENABLE_APP_BANNER is off;
 * 404 for an unknown, inactive or non-SPA client.
 */
export async function bannersForClientId(clientId: string) {
  if (!config().enableAppBanner) throw new AppError(BannerErrors.feature_disabled);
  const app = clientId ? await db.app.findUnique({ where: { clientId }, select: { id: true, type: true, isActive: true } }) : null;
  if (!app || app.type !== 'spa' || !app.isActive) throw new AppError(BannerErrors.spa_app_not_found);
  const banners = await db.banner.findMany({
    where: activeForApp(app.id),
    include: { locales: { select: { locale: true, value: true }, orderBy: { locale: 'asc' } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return {
    banners: banners.map((banner) => ({
      id: banner.id,
      type: banner.type,
      text: banner.text,
      isActive: banner.isActive,
      locales: banner.locales,
      createdAt: banner.createdAt,
      updatedAt: banner.updatedAt,
    })),
  };
}
