import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/Alert';
import { RequestShell } from '../flow-page';
import { WithMessages } from '../WithMessages';
import { LeavePolicyButton } from './LeavePolicyButton';

export interface PolicyFrameProps {
  title: ReactNode;
  description?: ReactNode;
  /** The request's org slug: its branding applies. */
  orgSlug: string;
  children: ReactNode;
}

/**
 * Shell of the post-sign-in pages (org choice, policies): the request's org branding, and the
 * `policies` messages for the client islands (only these pages need them, so they are not in the
 * root layout's CLIENT_NAMESPACES). Server Component.
 */
export async function PolicyFrame({ title, description, orgSlug, children }: PolicyFrameProps) {
  return (
    <RequestShell title={title} description={description} orgSlug={orgSlug}>
      <WithMessages namespaces={['policies']}>{children}</WithMessages>
    </RequestShell>
  );
}

/** Why this account cannot use the policy, and the way back to the app. */
export async function PolicyUnavailable({ requestId, reason, appName }: { requestId: string; reason: string; appName: string }) {
  const t = await getTranslations('policies');
  const known = ['policy_unavailable', 'external_account', 'no_password', 'org_not_available', 'fresh_sign_in_required', 'protected_account', 'email_unverified'] as const;
  const code = (known as readonly string[]).includes(reason) ? (reason as (typeof known)[number]) : 'policy_unavailable';
  return (
    <div className="flex flex-col gap-5" data-testid="policy-unavailable">
      <Alert variant="warning" role="status" title={t('unavailableTitle')}>
        {t(`errors.${code}`)}
      </Alert>
      <LeavePolicyButton requestId={requestId} label={t('backToApp', { appName })} variant="primary" />
    </div>
  );
}
