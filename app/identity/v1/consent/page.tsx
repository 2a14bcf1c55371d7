import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ConsentForm } from '@/components/identity/ConsentForm';
import { flowIdentity, RequestShell, withFlowErrors } from '@/components/identity/flow-page';
import { getConsentView } from '@/lib/identity/consent';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('consent');
  return { title: t('allow') };
}

export default async function ConsentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { requestId, context } = await flowIdentity(searchParams);
  const t = await getTranslations('consent');
  return withFlowErrors(
    () => getConsentView(context),
    (view) => {
      if (view.redirectTo) redirect(view.redirectTo);
      return (
        <RequestShell title={t('title', { appName: view.appName })} orgSlug={view.orgSlug}>
          <ConsentForm requestId={requestId!} appName={view.appName} scopes={view.scopes} action="/identity/v1/app-consent" />
        </RequestShell>
      );
    },
  );
}
