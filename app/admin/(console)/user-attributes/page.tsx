import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireSection } from '@/components/admin/section-gate';
import { AttributesView } from '@/components/admin/user-attributes/AttributesView';
import { config } from '@/lib/config';
import { LOCALE_NATIVE_NAMES, SUPPORTED_LOCALES } from '@/lib/config/locales';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.nav');
  return { title: t('userAttributes') };
}

/** /admin/user-attributes: extra user values with labels and validation per language (ENABLE_USER_ATTRIBUTE). */
export default async function UserAttributesPage() {
  const gate = await requireSection('userAttributes');
  if (gate.view) return gate.view;
  return <AttributesView enabled={config().enableUserAttribute} locales={SUPPORTED_LOCALES.map((code) => ({ code, name: LOCALE_NATIVE_NAMES[code] }))} />;
}
