import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { flowIdentity, withFlowErrors } from '@/components/identity/flow-page';
import { PasskeyEnrollForm } from '@/components/identity/passkeys/PasskeyEnrollForm';
import { PasskeyRow } from '@/components/identity/passkeys/PasskeyRow';
import { LeavePolicyButton } from '@/components/identity/policies/LeavePolicyButton';
import { PolicyFrame, PolicyUnavailable } from '@/components/identity/policies/PolicyFrame';
import { WithMessages } from '@/components/identity/WithMessages';
import { managePasskeyView } from '@/lib/passkeys/flow';
import { PASSKEY_NAME_MAX } from '@/lib/passkeys/flow';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('passkeys');
  return { title: t('manageTitle') };
}

/** policy=manage_passkey (Melody): the user's passkeys, add one, rename one, delete one. */
export default async function ManagePasskeyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { context } = await flowIdentity(searchParams);
  const [t, tPolicies, format] = await Promise.all([getTranslations('passkeys'), getTranslations('policies'), getFormatter()]);
  const now = new Date();
  const when = (date: Date) => format.relativeTime(date, now);
  return withFlowErrors(
    () => managePasskeyView(context),
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
          <WithMessages namespaces={['policies', 'passkeys']}>
            <div className="flex flex-col gap-6">
              <section aria-labelledby="passkey-list" className="flex flex-col gap-2">
                <h2 id="passkey-list" className="text-sm font-semibold text-surface-foreground">
                  {t('listTitle')}
                </h2>
                {view.passkeys.length ? (
                  <ul className="flex flex-col divide-y divide-border rounded-control border border-border" data-testid="passkeys">
                    {view.passkeys.map((passkey) => (
                      <li key={passkey.id} className="px-3.5 py-3 text-sm">
                        <PasskeyRow
                          requestId={view.requestId}
                          passkeyId={passkey.id}
                          name={passkey.name}
                          label={passkey.name || t('unnamed')}
                          details={[t('added', { time: when(passkey.createdAt) }), passkey.lastUsedAt ? t('lastUsed', { time: when(passkey.lastUsedAt) }) : t('neverUsed')]}
                          nameMax={PASSKEY_NAME_MAX}
                        />
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="text-sm text-muted-foreground">{t('none')}</p>
                )}
              </section>
              <section aria-labelledby="passkey-add" className="flex flex-col gap-3">
                <h2 id="passkey-add" className="text-sm font-semibold text-surface-foreground">
                  {t('addTitle')}
                </h2>
                <PasskeyEnrollForm requestId={view.requestId} mode="manage" />
              </section>
              <LeavePolicyButton requestId={view.requestId} label={tPolicies('done')} variant="primary" />
            </div>
          </WithMessages>
        </PolicyFrame>
      );
    },
  );
}
