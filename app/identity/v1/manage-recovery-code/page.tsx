import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { flowIdentity, withFlowErrors } from '@/components/identity/flow-page';
import { RegenerateRecoveryCode } from '@/components/identity/passkeys/RegenerateRecoveryCode';
import { LeavePolicyButton } from '@/components/identity/policies/LeavePolicyButton';
import { PolicyFrame, PolicyUnavailable } from '@/components/identity/policies/PolicyFrame';
import { WithMessages } from '@/components/identity/WithMessages';
import { manageRecoveryCodeView } from '@/lib/recovery-codes/flow';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('recoveryCodes');
  return { title: t('manageTitle') };
}

/** policy=manage_recovery_code (Melody): a new recovery code replaces the current one. */
export default async function ManageRecoveryCodePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { context } = await flowIdentity(searchParams);
  const [t, tPolicies] = await Promise.all([getTranslations('recoveryCodes'), getTranslations('policies')]);
  return withFlowErrors(
    () => manageRecoveryCodeView(context),
    (view) => {
      if (view.kind === 'redirect') redirect(view.redirectTo);
      if (view.ineligible) {
        return (
          <PolicyFrame title={t('manageTitle')} orgSlug={view.orgSlug}>
            <PolicyUnavailable requestId={view.requestId} reason={view.ineligible} appName={view.appName} />
          </PolicyFrame>
        );
      }
      return (
        <PolicyFrame title={t('manageTitle')} description={t('manageDescription')} orgSlug={view.orgSlug}>
          <div className="flex flex-col gap-6" data-testid="manage-recovery-code">
            {view.hasCode ? null : <p className="text-sm text-muted-foreground">{t('noCode')}</p>}
            <WithMessages namespaces={['policies', 'passkeys', 'recoveryCodes']}>
              <RegenerateRecoveryCode requestId={view.requestId} />
            </WithMessages>
            <LeavePolicyButton requestId={view.requestId} label={tPolicies('done')} variant="primary" />
          </div>
        </PolicyFrame>
      );
    },
  );
}
