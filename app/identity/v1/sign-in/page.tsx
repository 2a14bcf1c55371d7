import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { AppBanners } from '@/components/identity/AppBanners';
import { flowIdentity, RequestShell, withFlowErrors } from '@/components/identity/flow-page';
import { SignInForm } from '@/components/identity/SignInForm';
import { getSignInView } from '@/lib/identity/flow';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('signIn');
  return { title: t('title') };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { requestId, bindingSecret } = await flowIdentity(searchParams);
  const t = await getTranslations('signIn');
  return withFlowErrors(
    () => getSignInView(requestId, bindingSecret),
    (view) => {
      if (view.redirectTo) redirect(view.redirectTo);
      return (
        <RequestShell title={t('title')} description={view.appName} orgSlug={view.orgSlug}>
          <AppBanners appId={view.appId} locale={view.locale} />
          <SignInForm requestId={requestId!} action="/identity/v1/authorize-password" defaultEmail={view.loginHint ?? ''} />
        </RequestShell>
      );
    },
  );
}
