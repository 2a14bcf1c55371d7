import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AppsView } from '@/components/admin/apps/AppsView';
import { requireSection } from '@/components/admin/section-gate';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.nav');
  return { title: t('apps') };
}

/** /admin/apps: apps (SPA and S2S) with their secrets shown once, URIs, scopes, consent, refresh rotation and MFA rules. */
export default async function AppsPage() {
  const gate = await requireSection('apps');
  if (gate.view) return gate.view;
  return <AppsView />;
}
