import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { flowIdentity, withFlowErrors } from '@/components/identity/flow-page';
import { ChangePasswordForm } from '@/components/identity/policies/ChangePasswordForm';
import { LeavePolicyButton } from '@/components/identity/policies/LeavePolicyButton';
import { PolicyFrame, PolicyUnavailable } from '@/components/identity/policies/PolicyFrame';
import { changePasswordView } from '@/lib/identity/policies/views';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('policies.changePassword');
  return { title: t('title') };
}

/** policy=change_password (local accounts with a password). */
export default async function ChangePasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { context } = await flowIdentity(searchParams);
  const t = await getTranslations('policies');
  return withFlowErrors(
    () => changePasswordView(context),
    (view) => {
      if (view.kind === 'redirect') redirect(view.redirectTo);
      return (
        <PolicyFrame title={t('changePassword.title')} description={view.appName} orgSlug={view.orgSlug}>
          {view.ineligible ? (
            <PolicyUnavailable requestId={view.requestId} reason={view.ineligible} appName={view.appName} />
          ) : (
            <div className="flex flex-col gap-3">
              <ChangePasswordForm requestId={view.requestId} email={view.email} />
              <LeavePolicyButton requestId={view.requestId} label={t('backToApp', { appName: view.appName })} variant="ghost" />
            </div>
          )}
        </PolicyFrame>
      );
    },
  );
}
