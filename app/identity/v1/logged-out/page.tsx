import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { deploymentBranding } from '@/components/identity/flow-page';
import { IdentityShell } from '@/components/identity/IdentityShell';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('loggedOut');
  return { title: t('title') };
}

/** Where /oauth2/v1/logout lands when there is no registered post-logout URI to return to. */
export default async function LoggedOutPage() {
  const t = await getTranslations('loggedOut');
  return (
    <IdentityShell title={t('title')} branding={deploymentBranding()}>
      <p className="text-center text-sm text-muted-foreground text-pretty">{t('message')}</p>
    </IdentityShell>
  );
}
