import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { OrgDetailView } from '@/components/admin/orgs/OrgDetailView';
import { requireSection } from '@/components/admin/section-gate';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.nav');
  return { title: t('orgs') };
}

/** /admin/orgs/<id>: one org's settings and branding (with a live preview), members and groups. */
export default async function OrgPage({ params }: { params: Promise<{ id: string }> }) {
  const gate = await requireSection('orgs');
  if (gate.view) return gate.view;
  const { id } = await params;
  return <OrgDetailView id={id} />;
}
