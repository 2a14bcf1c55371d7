import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { expiredToPage } from '@/components/identity/expired';
import { flowIdentity, RequestShell, withFlowErrors } from '@/components/identity/flow-page';
import { EnrollForm } from '@/components/identity/mfa/EnrollForm';
import { WithMessages } from '@/components/identity/WithMessages';
import { getEnrollView } from '@/lib/mfa/flow-steps';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('mfa.enroll');
  return { title: t('title') };
}

/** The mfa_enroll step (ENFORCE_ONE_MFA_ENROLLMENT, or an admin's "MFA required"): pick a factor. */
export default async function MfaEnrollPage({ searchParams }: { searchParams: SearchParams }) {
  const { requestId, context } = await flowIdentity(searchParams);
  const t = await getTranslations('mfa.enroll');
  return withFlowErrors(expiredToPage(requestId, () => getEnrollView(context)), (view) => {
    if (view.redirectTo) redirect(view.redirectTo);
    return (
      <RequestShell title={t('title')} description={t('description', { appName: view.appName })} orgSlug={view.orgSlug}>
        <WithMessages namespaces={['mfa', 'fieldErrors']}>
          <EnrollForm requestId={requestId!} offer={view.offer} />
        </WithMessages>
      </RequestShell>
    );
  });
}
