import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { flowIdentity, withFlowErrors } from '@/components/identity/flow-page';
import { LeavePolicyButton } from '@/components/identity/policies/LeavePolicyButton';
import { OrgChoiceForm } from '@/components/identity/policies/OrgChoiceForm';
import { PolicyFrame, PolicyUnavailable } from '@/components/identity/policies/PolicyFrame';
import { orgChoiceView } from '@/lib/identity/policies/views';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('policies.changeOrg');
  return { title: t('title') };
}

/** policy=change_org (ENABLE_ORG). */
export default async function ChangeOrgPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { context } = await flowIdentity(searchParams);
  const t = await getTranslations('policies');
  return withFlowErrors(
    () => orgChoiceView(context, 'change_org'),
    (view) => {
      if (view.kind === 'redirect') redirect(view.redirectTo);
      return (
        <PolicyFrame title={t('changeOrg.title')} description={view.ineligible ? undefined : t('changeOrg.description')} orgSlug={view.orgSlug}>
          {view.ineligible ? (
            <PolicyUnavailable requestId={view.requestId} reason={view.ineligible} appName={view.appName} />
          ) : (
            <div className="flex flex-col gap-3">
              <OrgChoiceForm requestId={view.requestId} action="/identity/v1/policy/change-org" orgs={view.orgs} activeSlug={view.activeSlug} submitLabel={t('changeOrg.submit')} />
              <LeavePolicyButton requestId={view.requestId} label={t('backToApp', { appName: view.appName })} variant="ghost" />
            </div>
          )}
        </PolicyFrame>
      );
    },
  );
}
