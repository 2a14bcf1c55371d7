import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/Alert';
import { flowIdentity, withFlowErrors } from '@/components/identity/flow-page';
import { DeleteAccountForm } from '@/components/identity/policies/DeleteAccountForm';
import { LeavePolicyButton } from '@/components/identity/policies/LeavePolicyButton';
import { PolicyFrame, PolicyUnavailable } from '@/components/identity/policies/PolicyFrame';
import { deleteAccountView } from '@/lib/identity/policies/views';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('policies.deleteAccount');
  return { title: t('title') };
}

/** policy=delete_account (Tessera): after a fresh sign-in in this request, an explicit confirmation. */
export default async function DeleteAccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { context } = await flowIdentity(searchParams);
  const t = await getTranslations('policies');
  return withFlowErrors(
    () => deleteAccountView(context),
    (view) => {
      if (view.kind === 'redirect') redirect(view.redirectTo);
      return (
        <PolicyFrame title={t('deleteAccount.title')} description={view.appName} orgSlug={view.orgSlug}>
          {view.ineligible ? (
            <PolicyUnavailable requestId={view.requestId} reason={view.ineligible} appName={view.appName} />
          ) : (
            <div className="flex flex-col gap-5">
              <Alert variant="warning" role="status">
                {t('deleteAccount.warning', { email: view.email })}
              </Alert>
              <DeleteAccountForm requestId={view.requestId} />
              <LeavePolicyButton requestId={view.requestId} label={t('deleteAccount.keep')} variant="secondary" />
            </div>
          )}
        </PolicyFrame>
      );
    },
  );
}
