import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { flowIdentity, withFlowErrors } from '@/components/identity/flow-page';
import { OrgChoiceForm } from '@/components/identity/policies/OrgChoiceForm';
import { PolicyFrame } from '@/components/identity/policies/PolicyFrame';
import { orgChoiceView } from '@/lib/identity/policies/views';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('policies.switchOrg');
  return { title: t('title') };
}

/** The org choice after sign-in (ENABLE_ORG && ALLOW_USER_SWITCH_ORG_ON_SIGN_IN). */
export default async function SwitchOrgPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { context } = await flowIdentity(searchParams);
  const t = await getTranslations('policies.switchOrg');
  return withFlowErrors(
    () => orgChoiceView(context, 'switch_org'),
    (view) => {
      if (view.kind === 'redirect') redirect(view.redirectTo);
      return (
        <PolicyFrame title={t('title')} description={t('description', { appName: view.appName })} orgSlug={view.orgSlug}>
          <OrgChoiceForm requestId={view.requestId} action="/identity/v1/process-switch-org" orgs={view.orgs} activeSlug={view.activeSlug} submitLabel={t('submit')} />
        </PolicyFrame>
      );
    },
  );
}
