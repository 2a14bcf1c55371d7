import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { CodeForm } from '@/components/identity/CodeForm';
import { ContinueButton } from '@/components/identity/ContinueButton';
import { expiredToPage } from '@/components/identity/expired';
import { deploymentBranding, flowIdentity, RequestShell, withFlowErrors } from '@/components/identity/flow-page';
import { IdentityShell } from '@/components/identity/IdentityShell';
import { WithMessages } from '@/components/identity/WithMessages';
import { getVerifyEmailView } from '@/lib/identity/verify-email-step';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('verifyEmail');
  return { title: t('title') };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Email verification. `?request=…`: the verify_email step of a sign-in. `?id=<authId>`: the page the
 * verification email links to (Melody's link), which asks for the code from the same email.
 */
export default async function VerifyEmailPage({ searchParams }: { searchParams: SearchParams }) {
  const { id } = await searchParams;
  if (typeof id === 'string') return <LinkPage userId={id} />;
  return <StepPage searchParams={searchParams} />;
}

async function LinkPage({ userId }: { userId: string }) {
  const t = await getTranslations('verifyEmail');
  return (
    <IdentityShell title={t('title')} description={t('linkIntro')} branding={deploymentBranding()}>
      <WithMessages namespaces={['fieldErrors']}>
        <CodeForm
          action="/identity/v1/verify-email-code"
          body={{ id: UUID.test(userId) ? userId : '00000000-0000-0000-0000-000000000000' }}
          labels={{ code: t('code'), hint: t('codeHint'), submit: t('submit'), error: t('error') }}
          mode="done"
          done={t('linkDone')}
          testId="verify-email-link-form"
        />
      </WithMessages>
    </IdentityShell>
  );
}

async function StepPage({ searchParams }: { searchParams: SearchParams }) {
  const { requestId, context } = await flowIdentity(searchParams);
  const t = await getTranslations('verifyEmail');
  const tCommon = await getTranslations('common');
  return withFlowErrors(expiredToPage(requestId, () => getVerifyEmailView(context)), (view) => {
    if (view.redirectTo) redirect(view.redirectTo);
    if (view.verified) {
      return (
        <RequestShell title={t('verifiedTitle')} description={t('verified')} orgSlug={view.orgSlug}>
          <WithMessages namespaces={['fieldErrors']}>
            <ContinueButton requestId={requestId!} action="/identity/v1/process-verify-email" label={tCommon('continue')} error={t('error')} />
          </WithMessages>
        </RequestShell>
      );
    }
    return (
      <RequestShell
        title={t('title')}
        description={view.codeSent ? t('sent', { email: view.email }) : t('notSent', { email: view.email })}
        orgSlug={view.orgSlug}
      >
        <div className="flex flex-col gap-5">
          {view.skippable ? <p className="text-sm text-muted-foreground text-pretty">{t('optional')}</p> : null}
          <WithMessages namespaces={['fieldErrors']}>
            <CodeForm
              action="/identity/v1/process-verify-email"
              body={{ requestId }}
              requestId={requestId}
              labels={{ code: t('code'), hint: t('codeHint'), submit: t('submit'), error: t('error') }}
              codeSent={view.codeSent}
              resend={{ action: '/identity/v1/send-verify-email', label: t('resend'), firstLabel: t('send'), notice: t('resent') }}
              secondary={view.skippable ? [{ action: '/identity/v1/skip-verify-email', label: t('later') }] : []}
              testId="verify-email-form"
            />
          </WithMessages>
        </div>
      </RequestShell>
    );
  });
}
