import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { DemoClient } from '@/components/demo/DemoClient';
import { IdentityShell } from '@/components/identity/IdentityShell';
import { deploymentBranding } from '@/components/identity/flow-page';
import { config } from '@/lib/config';
import { DEMO_CLIENT_ID } from '@/lib/apps/builtin';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('demo');
  return { title: t('title') };
}

/** The seeded demo app's page: a browser client that signs in against this server. */
export default async function DemoPage() {
  const t = await getTranslations('demo');
  const { issuer, authServerUrl } = config();
  return (
    <IdentityShell title={t('title')} description={t('description')} branding={deploymentBranding()}>
      <DemoClient issuer={issuer} clientId={DEMO_CLIENT_ID} redirectUri={`${authServerUrl}/demo`} />
    </IdentityShell>
  );
}
