import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { RolesView } from '@/components/admin/roles/RolesView';
import { requireSection } from '@/components/admin/section-gate';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.nav');
  return { title: t('roles') };
}

/** /admin/roles: roles with their permissions and dashboard rights (the custom admin role editor), and the users holding each. */
export default async function RolesPage() {
  const gate = await requireSection('roles');
  if (gate.view) return gate.view;
  return <RolesView />;
}
