import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { OrgsView } from '@/components/admin/orgs/OrgsView';
import { requireSection } from '@/components/admin/section-gate';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.nav');
  return { title: t('orgs') };
}

/** /admin/orgs: the orgs list (create, delete; a row opens the org). */
export default async function OrgsPage() {
  const gate = await requireSection('orgs');
  if (gate.view) return gate.view;
  return <OrgsView />;
}
