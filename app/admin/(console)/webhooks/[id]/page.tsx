import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireSection } from '@/components/admin/section-gate';
import { WebhookDetailView } from '@/components/admin/webhooks/WebhookDetailView';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.nav');
  return { title: t('webhooks') };
}

/** /admin/webhooks/<id>: one endpoint, its secret, test events and deliveries. */
export default async function WebhookPage({ params }: { params: Promise<{ id: string }> }) {
  const gate = await requireSection('webhooks');
  if (gate.view) return gate.view;
  const { id } = await params;
  return <WebhookDetailView id={id} />;
}
