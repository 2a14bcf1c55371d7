import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AuditView } from '@/components/admin/audit/AuditView';
import { requireSection } from '@/components/admin/section-gate';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.nav');
  return { title: t('audit') };
}

/** /admin/audit: the audit history (root only), filtered in the URL, each event's before / after side by side. */
export default async function AuditPage() {
  const gate = await requireSection('audit');
  if (gate.view) return gate.view;
  return <AuditView />;
}
