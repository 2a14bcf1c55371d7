import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { BannersView } from '@/components/admin/banners/BannersView';
import { requireSection } from '@/components/admin/section-gate';
import { config } from '@/lib/config';
import { LOCALE_NATIVE_NAMES, SUPPORTED_LOCALES } from '@/lib/config/locales';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.nav');
  return { title: t('banners') };
}

/** /admin/banners: app banners with a text per language, status and the apps showing them (ENABLE_APP_BANNER). */
export default async function BannersPage() {
  const gate = await requireSection('banners');
  if (gate.view) return gate.view;
  return <BannersView enabled={config().enableAppBanner} locales={SUPPORTED_LOCALES.map((code) => ({ code, name: LOCALE_NATIVE_NAMES[code] }))} />;
}
