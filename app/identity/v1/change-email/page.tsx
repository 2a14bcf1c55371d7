import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { flowIdentity, withFlowErrors } from '@/components/identity/flow-page';
import { ChangeEmailForm } from '@/components/identity/policies/ChangeEmailForm';
import { LeavePolicyButton } from '@/components/identity/policies/LeavePolicyButton';
import { PolicyFrame, PolicyUnavailable } from '@/components/identity/policies/PolicyFrame';
import { changeEmailView } from '@/lib/identity/policies/views';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('policies.changeEmail');
  return { title: t('title') };
}

/** policy=change_email (ENABLE_EMAIL_VERIFICATION; local accounts). */
export default async function ChangeEmailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { context } = await flowIdentity(searchParams);
  const t = await getTranslations('policies');
  return withFlowErrors(
    () => changeEmailView(context),
    (view) => {
      if (view.kind === 'redirect') redirect(view.redirectTo);
      return (
        <PolicyFrame
          title={t('changeEmail.title')}
          description={view.ineligible ? view.appName : t('changeEmail.currentEmail', { email: view.currentEmail })}
          orgSlug={view.orgSlug}
        >
          {view.ineligible ? (
            <PolicyUnavailable requestId={view.requestId} reason={view.ineligible} appName={view.appName} />
          ) : (
            <div className="flex flex-col gap-3">
              <ChangeEmailForm requestId={view.requestId} pendingEmail={view.pendingEmail} />
              <LeavePolicyButton requestId={view.requestId} label={t('backToApp', { appName: view.appName })} variant="ghost" />
            </div>
          )}
        </PolicyFrame>
      );
    },
  );
}
