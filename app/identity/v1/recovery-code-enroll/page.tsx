import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { expiredToPage } from '@/components/identity/expired';
import { flowIdentity, RequestShell, withFlowErrors } from '@/components/identity/flow-page';
import { RecoveryCodeEnroll } from '@/components/identity/passkeys/RecoveryCodeEnroll';
import { WithMessages } from '@/components/identity/WithMessages';
import { recoveryCodeEnrollView } from '@/lib/recovery-codes/flow';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('recoveryCodes');
  return { title: t('enrollTitle') };
}

/** The recovery_code_enroll step after sign-in (ENABLE_RECOVERY_CODE): the code, shown once. */
export default async function RecoveryCodeEnrollPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { requestId, context } = await flowIdentity(searchParams);
  const t = await getTranslations('recoveryCodes');
  return withFlowErrors(expiredToPage(requestId, () => recoveryCodeEnrollView(context)), (view) => {
    if (view.redirectTo) redirect(view.redirectTo);
    return (
      <RequestShell title={t('enrollTitle')} description={t('enrollDescription')} orgSlug={view.orgSlug}>
        <WithMessages namespaces={['passkeys', 'recoveryCodes']}>
          <RecoveryCodeEnroll requestId={requestId!} code={view.recoveryCode} />
        </WithMessages>
      </RequestShell>
    );
  });
}
