import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { deploymentBranding } from '@/components/identity/flow-page';
import { IdentityShell } from '@/components/identity/IdentityShell';
import { buttonClasses } from '@/components/ui/Button';
import { getExpiredRequestView } from '@/lib/identity/expired-request';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('authCodeExpired');
  return { title: t('title') };
}

/**
 * Melody's auth_code_expired view: the sign-in request ran out of time, or ended after too many
 * wrong codes (issue 12; the page says so). Says to start again from the app and, when the request
 * is known (`?request=…`), links back to the app's registered redirect URI.
 */
export default async function AuthCodeExpiredPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { request } = await searchParams;
  const t = await getTranslations('authCodeExpired');
  const tAttempts = await getTranslations('security.tooManyAttempts');
  const view = await getExpiredRequestView(typeof request === 'string' ? request : undefined);
  const tooManyAttempts = view?.reason === 'too_many_attempts';
  return (
    <IdentityShell title={tooManyAttempts ? tAttempts('title') : t('title')} branding={deploymentBranding()}>
      <div className="flex flex-col gap-5" data-testid="auth-code-expired">
        <div className="flex flex-col gap-2 text-center text-sm text-pretty text-muted-foreground">
          <p data-testid={tooManyAttempts ? 'too-many-attempts' : undefined}>{tooManyAttempts ? tAttempts('message') : t('message')}</p>
          <p>{t('hint')}</p>
        </div>
        {view?.backUrl ? (
          <a href={view.backUrl} className={buttonClasses({ fullWidth: true, size: 'lg' })}>
            {t('back', { appName: view.appName })}
          </a>
        ) : null}
      </div>
    </IdentityShell>
  );
}
