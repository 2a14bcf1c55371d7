import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ApiKeysView } from '@/components/admin/api-keys/ApiKeysView';
import { requireSection } from '@/components/admin/section-gate';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.nav');
  return { title: t('apiKeys') };
}

/** /admin/api-keys: API keys for the S2S API (root). */
export default async function ApiKeysPage() {
  const gate = await requireSection('apiKeys');
  if (gate.view) return gate.view;
  return <ApiKeysView />;
}
