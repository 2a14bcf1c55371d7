import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireSection } from '@/components/admin/section-gate';
import { UsersView } from '@/components/admin/users/UsersView';
import { LOCALE_NATIVE_NAMES, SUPPORTED_LOCALES } from '@/lib/i18n/locales';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.nav');
  return { title: t('users') };
}

/** /admin/users: server-side search, sort and paging; bulk actions, create, import and export. */
export default async function UsersPage() {
  const gate = await requireSection('users');
  if (gate.view) return gate.view;
  return <UsersView locales={SUPPORTED_LOCALES.map((code) => ({ code, name: LOCALE_NATIVE_NAMES[code] }))} />;
}
