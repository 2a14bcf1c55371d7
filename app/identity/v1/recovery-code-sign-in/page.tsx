import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { expiredToPage } from '@/components/identity/expired';
import { flowIdentity, RequestShell, withFlowErrors } from '@/components/identity/flow-page';
import { RecoveryCodeSignInForm } from '@/components/identity/passkeys/RecoveryCodeSignInForm';
import { identityPath } from '@/components/identity/paths';
import { WithMessages } from '@/components/identity/WithMessages';
import { config } from '@/lib/config';
import { getSignInView } from '@/lib/identity/sign-in';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('recoveryCodes');
  return { title: t('signInTitle') };
}

/** Sign-in with email + recovery code (ENABLE_RECOVERY_CODE), linked from the sign-in page. */
export default async function RecoveryCodeSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { requestId, context } = await flowIdentity(searchParams);
  const t = await getTranslations('recoveryCodes');
  return withFlowErrors(expiredToPage(requestId, () => getSignInView(context)), (view) => {
    if (view.redirectTo) redirect(view.redirectTo);
    const signIn = identityPath('sign-in', { request: requestId, locale: view.locale });
    if (!config().enableRecoveryCode) redirect(signIn);
    return (
      <RequestShell title={t('signInTitle')} description={t('signInDescription')} orgSlug={view.orgSlug}>
        <WithMessages namespaces={['passkeys', 'recoveryCodes']}>
          <RecoveryCodeSignInForm requestId={requestId!} defaultEmail={view.loginHint ?? ''} />
        </WithMessages>
        <p className="mt-6 text-center text-sm">
          <a href={signIn} className="font-medium text-brand underline-offset-4 hover:underline">
            {t('backToSignIn')}
          </a>
        </p>
      </RequestShell>
    );
  });
}
