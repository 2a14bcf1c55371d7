import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AcceptInvitationForm } from '@/components/identity/AcceptInvitationForm';
import { ErrorView } from '@/components/identity/ErrorView';
import { deploymentBranding } from '@/components/identity/flow-page';
import { IdentityShell } from '@/components/identity/IdentityShell';
import { WithMessages } from '@/components/identity/WithMessages';
import { isAppError } from '@/lib/errors';
import { findInvitationByToken } from '@/lib/users/invitations';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('invitation');
  return { title: t('title') };
}

/** The invitation email's link (`?token=…&locale=…`): choose a password, which activates the account. */
export default async function AcceptInvitationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const t = await getTranslations('invitation');
  let email: string;
  try {
    email = (await findInvitationByToken(typeof token === 'string' ? token : '')).user.email!;
  } catch (error) {
    if (!isAppError(error)) throw error;
    return (
      <IdentityShell branding={deploymentBranding()}>
        <ErrorView code={error.code} />
      </IdentityShell>
    );
  }
  return (
    <IdentityShell title={t('title')} branding={deploymentBranding()}>
      <WithMessages namespaces={['invitation', 'password', 'fieldErrors']}>
        <AcceptInvitationForm token={token as string} email={email} action="/identity/v1/process-accept-invitation" />
      </WithMessages>
    </IdentityShell>
  );
}
