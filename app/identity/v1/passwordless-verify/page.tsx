import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { CodeForm } from '@/components/identity/CodeForm';
import { expiredToPage } from '@/components/identity/expired';
import { flowIdentity, RequestShell, withFlowErrors } from '@/components/identity/flow-page';
import { WithMessages } from '@/components/identity/WithMessages';
import { getPasswordlessView } from '@/lib/identity/passwordless';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('passwordless');
  return { title: t('title') };
}

/**
 * Passwordless sign-in's second step (Melody's passwordless_verify view): the emailed 6-digit code,
 * or — with USE_PASSWORDLESS_AS_MAGIC_LINK — a wait for the emailed link to be opened in this browser.
 */
export default async function PasswordlessVerifyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { requestId, context } = await flowIdentity(searchParams);
  const t = await getTranslations('passwordless');
  return withFlowErrors(expiredToPage(requestId, () => getPasswordlessView(context)), (view) => {
    if (view.redirectTo) redirect(view.redirectTo);
    const description = view.magicLink
      ? t(view.codeSent ? 'magicSent' : 'magicNotSent', { email: view.email })
      : t(view.codeSent ? 'sent' : 'notSent', { email: view.email });
    const secondary = [{ action: '/identity/v1/cancel-passwordless', label: t('otherEmail') }];
    return (
      <RequestShell title={t('title')} description={description} orgSlug={view.orgSlug}>
        <WithMessages namespaces={['fieldErrors']}>
          <CodeForm
            action="/identity/v1/process-passwordless-code"
            body={{ requestId }}
            requestId={requestId}
            labels={{ code: t('code'), hint: t('codeHint'), submit: t('submit'), error: t('error') }}
            // In link mode there is nothing to type: only "send a new link" and "another address".
            codeSent={view.magicLink ? false : view.codeSent}
            resend={
              view.magicLink
                ? { action: '/identity/v1/send-passwordless-code', label: t('resendLink'), notice: t('resentLink') }
                : { action: '/identity/v1/send-passwordless-code', label: t('resend'), notice: t('resent') }
            }
            secondary={secondary}
            linkMode={view.magicLink}
            testId="passwordless-verify-form"
          />
        </WithMessages>
      </RequestShell>
    );
  });
}
