import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { flowIdentity, withFlowErrors } from '@/components/identity/flow-page';
import { LeavePolicyButton } from '@/components/identity/policies/LeavePolicyButton';
import { PolicyFrame, PolicyUnavailable } from '@/components/identity/policies/PolicyFrame';
import { UpdateInfoForm } from '@/components/identity/policies/UpdateInfoForm';
import { updateInfoView } from '@/lib/identity/policies/views';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('policies.updateInfo');
  return { title: t('title') };
}

/** policy=update_info (ENABLE_NAMES, ENABLE_USER_ATTRIBUTE). */
export default async function UpdateInfoPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { context } = await flowIdentity(searchParams);
  const t = await getTranslations('policies');
  return withFlowErrors(
    () => updateInfoView(context),
    (view) => {
      if (view.kind === 'redirect') redirect(view.redirectTo);
      return (
        <PolicyFrame title={t('updateInfo.title')} description={view.appName} orgSlug={view.orgSlug}>
          {view.ineligible ? (
            <PolicyUnavailable requestId={view.requestId} reason={view.ineligible} appName={view.appName} />
          ) : (
            <div className="flex flex-col gap-3">
              <UpdateInfoForm
                requestId={view.requestId}
                names={view.names}
                firstName={view.firstName}
                lastName={view.lastName}
                namesRequired={view.namesRequired}
                attributes={view.attributes}
              />
              <LeavePolicyButton requestId={view.requestId} label={t('backToApp', { appName: view.appName })} variant="ghost" />
            </div>
          )}
        </PolicyFrame>
      );
    },
  );
}
