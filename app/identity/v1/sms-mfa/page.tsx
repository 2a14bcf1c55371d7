import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { CodeForm } from '@/components/identity/CodeForm';
import { expiredToPage } from '@/components/identity/expired';
import { flowIdentity, RequestShell, withFlowErrors } from '@/components/identity/flow-page';
import { EmailFallbackLink } from '@/components/identity/mfa/EmailFallbackLink';
import { PhoneForm } from '@/components/identity/mfa/PhoneForm';
import { rememberedDeviceRedirect } from '@/components/identity/mfa/remembered';
import { WithMessages } from '@/components/identity/WithMessages';
import { getSmsView } from '@/lib/mfa/flow-steps';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('mfa.sms');
  return { title: t('title') };
}

/** The sms_mfa step: the phone number first when none is verified, then the texted code. */
export default async function SmsMfaPage({ searchParams }: { searchParams: SearchParams }) {
  const { requestId, context } = await flowIdentity(searchParams);
  const t = await getTranslations('mfa');
  const load = async () => ({ view: await getSmsView(context), remembered: await rememberedDeviceRedirect(context) });
  return withFlowErrors(expiredToPage(requestId, load), ({ view, remembered }) => {
    if (remembered) redirect(remembered);
    if (view.redirectTo) redirect(view.redirectTo);
    const askNumber = view.needsSetup && !view.codeSent;
    const description = askNumber
      ? t('sms.setupDescription')
      : view.codeSent
        ? t('sms.sent', { phoneNumber: view.phoneNumber ?? '' })
        : t('sms.notSent', { phoneNumber: view.phoneNumber ?? '' });
    return (
      <RequestShell title={t('sms.title')} description={description} orgSlug={view.orgSlug}>
        <div className="flex flex-col gap-5">
          <WithMessages namespaces={['mfa', 'fieldErrors']}>
            {askNumber ? (
              <PhoneForm requestId={requestId!} />
            ) : (
              <CodeForm
                action="/identity/v1/process-sms-mfa"
                body={{ requestId }}
                requestId={requestId}
                labels={{ code: t('codeLabel'), hint: t('sms.codeHint'), submit: t('submit'), error: t('error') }}
                codeSent={view.codeSent}
                resend={{ action: '/identity/v1/resend-sms-mfa', label: t('sms.resend'), firstLabel: t('sms.send'), notice: t('sms.resent') }}
                toggle={view.rememberDevice ? { name: 'rememberDevice', label: t('rememberDevice') } : undefined}
                testId="sms-mfa-form"
              />
            )}
          </WithMessages>
          {view.allowEmailFallback ? <EmailFallbackLink requestId={requestId!} locale={view.locale} label={t('useEmail')} /> : null}
        </div>
      </RequestShell>
    );
  });
}
