import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { deploymentBranding } from '@/components/identity/flow-page';
import { IdentityShell } from '@/components/identity/IdentityShell';
import { Button } from '@/components/ui/Button';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('security.logoutConfirm');
  return { title: t('title') };
}

/** The end-session request's parameters, carried to the confirming POST. */
const FORWARDED = ['client_id', 'post_logout_redirect_uri', 'state', 'ui_locales'] as const;

/**
 * RP-Initiated Logout 1.0 §2: /oauth2/v1/logout without a valid id_token_hint lands here instead of
 * ending the session (issue 12 item 12). Only this page's same-origin POST (`confirm=1`) signs out.
 */
export default async function LogoutConfirmPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const t = await getTranslations('security.logoutConfirm');
  return (
    <IdentityShell title={t('title')} description={t('message')} branding={deploymentBranding()}>
      <form method="post" action="/oauth2/v1/logout" className="grid gap-3">
        {FORWARDED.map((name) => {
          const value = params[name];
          return typeof value === 'string' && value.length <= 2048 ? <input key={name} type="hidden" name={name} value={value} /> : null;
        })}
        <input type="hidden" name="confirm" value="1" />
        <Button type="submit" variant="primary" fullWidth>
          {t('submit')}
        </Button>
      </form>
    </IdentityShell>
  );
}
