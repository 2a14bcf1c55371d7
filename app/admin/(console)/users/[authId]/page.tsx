import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireSection } from '@/components/admin/section-gate';
import { UserDetailView } from '@/components/admin/users/UserDetailView';
import { LOCALE_NATIVE_NAMES, SUPPORTED_LOCALES } from '@/lib/config/locales';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('adminUsers');
  return { title: t('detailTitle') };
}

/** /admin/users/<authId>: one user's profile, access, attributes, metadata, factors, sessions and account actions. */
export default async function UserPage({ params }: { params: Promise<{ authId: string }> }) {
  const gate = await requireSection('users');
  if (gate.view) return gate.view;
  const { authId } = await params;
  return <UserDetailView authId={authId} locales={SUPPORTED_LOCALES.map((code) => ({ code, name: LOCALE_NATIVE_NAMES[code] }))} />;
}
