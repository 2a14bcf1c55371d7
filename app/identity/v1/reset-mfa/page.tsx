import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { flowIdentity, withFlowErrors } from '@/components/identity/flow-page';
import { LeavePolicyButton } from '@/components/identity/policies/LeavePolicyButton';
import { PolicyActionButton } from '@/components/identity/policies/PolicyActionButton';
import { PolicyFrame, PolicyUnavailable } from '@/components/identity/policies/PolicyFrame';
import { getResetMfaView } from '@/lib/mfa/reset';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('mfaReset');
  return { title: t('title') };
}

/** policy=reset_mfa (Melody): remove every second factor and remembered device. */
export default async function ResetMfaPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { context } = await flowIdentity(searchParams);
  const [t, tPolicies] = await Promise.all([getTranslations('mfaReset'), getTranslations('policies')]);
  return withFlowErrors(
    () => getResetMfaView(context),
    (view) => {
      if (view.redirectTo) redirect(view.redirectTo);
      if (view.ineligible) {
        return (
          <PolicyFrame title={t('title')} orgSlug={view.orgSlug}>
            <PolicyUnavailable requestId={view.requestId} reason={view.ineligible} appName={view.appName} />
          </PolicyFrame>
        );
      }
      return (
        <PolicyFrame title={t('title')} description={view.hasMfa ? t('description') : t('nothing')} orgSlug={view.orgSlug}>
          <div className="flex flex-col gap-3" data-testid="reset-mfa">
            {view.hasMfa ? (
              <PolicyActionButton requestId={view.requestId} action="/identity/v1/policy/reset-mfa" label={t('confirm')} variant="danger" size="lg" fullWidth />
            ) : null}
            <LeavePolicyButton requestId={view.requestId} label={tPolicies('backToApp', { appName: view.appName })} />
          </div>
        </PolicyFrame>
      );
    },
  );
}
