import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ScopesView } from '@/components/admin/scopes/ScopesView';
import { requireSection } from '@/components/admin/section-gate';
import { config } from '@/lib/config';
import { LOCALE_NATIVE_NAMES, offeredLocales } from '@/lib/config/locales';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.nav');
  return { title: t('scopes') };
}

/** /admin/scopes: the reference resource page (list, create, edit with consent texts per locale, delete). */
export default async function ScopesPage() {
  const gate = await requireSection('scopes');
  if (gate.view) return gate.view;
  // Consent texts for the languages this deployment offers (its SUPPORTED_LOCALES).
  return <ScopesView locales={offeredLocales(config().supportedLocales).map((code) => ({ code, name: LOCALE_NATIVE_NAMES[code] }))} />;
}
