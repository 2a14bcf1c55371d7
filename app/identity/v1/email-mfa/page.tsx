import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { CodeForm } from '@/components/identity/CodeForm';
import { expiredToPage } from '@/components/identity/expired';
import { flowIdentity, RequestShell, withFlowErrors } from '@/components/identity/flow-page';
import { rememberedDeviceRedirect } from '@/components/identity/mfa/remembered';
import { WithMessages } from '@/components/identity/WithMessages';
import { getEmailView } from '@/lib/mfa/flow-steps';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('mfa.email');
  return { title: t('title') };
}

/**
 * The email_mfa step, or with `fallback=1` a code by email in place of the current TOTP or SMS step
 * (ALLOW_EMAIL_MFA_AS_BACKUP). The code is sent on request ("Email me a code"), never by loading the page.
 */
export default async function EmailMfaPage({ searchParams }: { searchParams: SearchParams }) {
  const { requestId, context } = await flowIdentity(searchParams);
  const fallback = (await searchParams).fallback === '1';
  const t = await getTranslations('mfa');
  const load = async () => ({
    view: await getEmailView(context, fallback),
    remembered: fallback ? null : await rememberedDeviceRedirect(context),
  });
  return withFlowErrors(expiredToPage(requestId, load), ({ view, remembered }) => {
    if (remembered) redirect(remembered);
    if (view.redirectTo) redirect(view.redirectTo);
    const description = view.fallbackFor
      ? t('email.fallback', { email: view.email })
      : view.codeSent
        ? t('email.sent', { email: view.email })
        : t('email.notSent', { email: view.email });
    const back = view.fallbackFor ? `/identity/v1/${view.fallbackFor === 'otp_mfa' ? 'otp-mfa' : 'sms-mfa'}?${new URLSearchParams({ request: requestId!, locale: view.locale })}` : null;
    return (
      <RequestShell title={t('email.title')} description={description} orgSlug={view.orgSlug}>
        <div className="flex flex-col gap-5">
          <WithMessages namespaces={['fieldErrors']}>
            <CodeForm
              action="/identity/v1/process-email-mfa"
              body={{ requestId }}
              requestId={requestId}
              labels={{ code: t('codeLabel'), hint: t('email.codeHint'), submit: t('submit'), error: t('error') }}
              codeSent={view.codeSent}
              resend={{ action: '/identity/v1/send-email-mfa', label: t('email.resend'), firstLabel: t('email.send'), notice: t('email.resent') }}
              toggle={view.rememberDevice ? { name: 'rememberDevice', label: t('rememberDevice') } : undefined}
              testId="email-mfa-form"
            />
          </WithMessages>
          {back ? (
            <a href={back} className="text-center text-sm font-medium text-brand underline-offset-4 hover:underline">
              {t('email.back')}
            </a>
          ) : null}
        </div>
      </RequestShell>
    );
  });
}
