import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ErrorView } from '@/components/identity/ErrorView';
import { expiredToPage } from '@/components/identity/expired';
import { identityPath } from '@/components/identity/paths';
import { flowIdentity, requestBranding, RequestShell, withFlowErrors } from '@/components/identity/flow-page';
import { SignUpForm } from '@/components/identity/SignUpForm';
import { WithMessages } from '@/components/identity/WithMessages';
import { getSignUpView } from '@/lib/identity/sign-up';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('signUp');
  return { title: t('title') };
}

/** Sign-up (ENABLE_SIGN_UP): reached from the sign-in page of a request, which it then continues. */
export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { requestId, context } = await flowIdentity(searchParams);
  const t = await getTranslations('signUp');
  return withFlowErrors(expiredToPage(requestId, () => getSignUpView(context)), async (view) => {
    if (view.redirectTo) redirect(view.redirectTo);
    const signInHref = identityPath('sign-in', { request: requestId, locale: view.locale });
    if (view.closed) {
      return (
        <RequestShell orgSlug={view.orgSlug}>
          <ErrorView code="registration_closed" backHref={signInHref} backLabel={t('signIn')} />
        </RequestShell>
      );
    }
    const branding = await requestBranding(view.orgSlug);
    return (
      <RequestShell title={t('title')} description={view.appName} orgSlug={view.orgSlug}>
        <div className="flex flex-col gap-6">
          <WithMessages namespaces={['signUp', 'password', 'fieldErrors']}>
            <SignUpForm
              requestId={requestId!}
              action="/identity/v1/authorize-account"
              names={view.names}
              attributes={view.attributes}
              termsUrl={branding.termsUrl}
              privacyUrl={branding.privacyUrl}
            />
          </WithMessages>
          <p className="text-center text-sm text-muted-foreground">
            {t('haveAccount')}{' '}
            <a href={signInHref} className="font-medium text-brand underline-offset-4 hover:underline">
              {t('signIn')}
            </a>
          </p>
        </div>
      </RequestShell>
    );
  });
}
