import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { deploymentBranding } from '@/components/identity/flow-page';
import { ErrorView } from '@/components/identity/ErrorView';
import { IdentityShell } from '@/components/identity/IdentityShell';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('errors');
  return { title: t('title') };
}

/** Where /authorize sends errors it must not send to an untrusted redirect URI. */
export default async function IdentityErrorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { code } = await searchParams;
  return (
    <IdentityShell branding={deploymentBranding()}>
      <ErrorView code={typeof code === 'string' ? code : 'server_error'} />
    </IdentityShell>
  );
}
