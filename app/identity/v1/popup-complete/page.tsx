import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { deploymentBranding } from '@/components/identity/flow-page';
import { IdentityShell } from '@/components/identity/IdentityShell';
import { PopupCompletion } from '@/components/identity/PopupCompletion';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('popup');
  return { title: t('title') };
}

/**
 * Where a popup sign-in (authorize_method=popup) ends. The response is in the URL fragment, which
 * never reaches this server; the client island passes it to the opener and closes the popup.
 */
export default async function PopupCompletePage() {
  const t = await getTranslations('popup');
  return (
    <IdentityShell title={t('title')} branding={deploymentBranding()}>
      <p className="text-center text-sm text-pretty text-muted-foreground">{t('description')}</p>
      <PopupCompletion />
    </IdentityShell>
  );
}
