import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { expiredToPage } from '@/components/identity/expired';
import { flowIdentity, RequestShell, withFlowErrors } from '@/components/identity/flow-page';
import { PasskeyEnrollForm } from '@/components/identity/passkeys/PasskeyEnrollForm';
import { WithMessages } from '@/components/identity/WithMessages';
import { passkeyEnrollView } from '@/lib/passkeys/flow';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('passkeys');
  return { title: t('enrollTitle') };
}

/** The passkey_enroll step after sign-in (ALLOW_PASSKEY_ENROLLMENT): create one, or skip. */
export default async function PasskeyEnrollPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { requestId, context } = await flowIdentity(searchParams);
  const t = await getTranslations('passkeys');
  return withFlowErrors(expiredToPage(requestId, () => passkeyEnrollView(context)), (view) => {
    if (view.redirectTo) redirect(view.redirectTo);
    return (
      <RequestShell title={t('enrollTitle')} description={t('enrollDescription', { appName: view.appName })} orgSlug={view.orgSlug}>
        <WithMessages namespaces={['passkeys']}>
          <PasskeyEnrollForm requestId={requestId!} mode="step" />
        </WithMessages>
      </RequestShell>
    );
  });
}
