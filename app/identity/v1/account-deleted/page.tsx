import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { deploymentBranding } from '@/components/identity/flow-page';
import { IdentityShell } from '@/components/identity/IdentityShell';
import { accountDeletedView } from '@/lib/identity/policies/views';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('policies.accountDeleted');
  return { title: t('title') };
}

const single = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

/**
 * After delete_account: confirms the deletion, and links back to the client with access_denied
 * (only for a registered redirect URI of the named app: lib/identity/policies/views.ts).
 */
export default async function AccountDeletedPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const [t, locale] = await Promise.all([getTranslations('policies.accountDeleted'), getLocale()]);
  const view = await accountDeletedView({
    clientId: single(query.client_id),
    redirectUri: single(query.redirect_uri),
    state: single(query.state),
    popup: single(query.popup) === '1',
    locale,
  });
  return (
    <IdentityShell title={t('title')} branding={deploymentBranding()}>
      <div className="flex flex-col gap-5">
        <p role="status" className="text-sm text-surface-foreground">
          {t('message')}
        </p>
        {view.returnUrl && view.appName ? (
          <a
            href={view.returnUrl}
            className="inline-flex h-11 w-full items-center justify-center rounded-control bg-brand px-5 text-base font-medium text-brand-foreground shadow-sm hover:bg-brand-hover focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
          >
            {t('back', { appName: view.appName })}
          </a>
        ) : (
          <p className="text-sm text-muted-foreground">{t('close')}</p>
        )}
      </div>
    </IdentityShell>
  );
}
