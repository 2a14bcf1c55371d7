import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AppDetailView } from '@/components/admin/apps/AppDetailView';
import { requireSection } from '@/components/admin/section-gate';
import { TEST_SIGN_IN_START_PATH, testSignInCallbackUrl } from '@/lib/admin/test-sign-in';
import { config } from '@/lib/config';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.nav');
  return { title: t('apps') };
}

/** /admin/apps/<id>: one app's settings and its Integrate tab (values, code per library, test sign-in). */
export default async function AppPage({ params }: { params: Promise<{ id: string }> }) {
  const gate = await requireSection('apps');
  if (gate.view) return gate.view;
  const { id } = await params;
  return <AppDetailView id={id} endpoints={{ issuer: config().issuer, testCallbackUrl: testSignInCallbackUrl(), testStartPath: TEST_SIGN_IN_START_PATH }} />;
}
