import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireSection } from '@/components/admin/section-gate';
import { WebhooksView } from '@/components/admin/webhooks/WebhooksView';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.nav');
  return { title: t('webhooks') };
}

/** /admin/webhooks: webhook endpoints (root). */
export default async function WebhooksPage() {
  const gate = await requireSection('webhooks');
  if (gate.view) return gate.view;
  return <WebhooksView />;
}
