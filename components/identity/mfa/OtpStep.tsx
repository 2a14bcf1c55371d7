import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { CodeForm } from '@/components/identity/CodeForm';
import { expiredToPage } from '@/components/identity/expired';
import { flowIdentity, RequestShell, withFlowErrors } from '@/components/identity/flow-page';
import { WithMessages } from '@/components/identity/WithMessages';
import { getOtpView } from '@/lib/mfa/flow-steps';
import { EmailFallbackLink } from './EmailFallbackLink';
import { rememberedDeviceRedirect } from './remembered';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The otp_setup and otp_mfa steps (pages otp-setup and otp-mfa): setup shows the QR code and the
 * key for manual entry, then both ask for a code from the app. Server Component.
 */
export async function OtpStep({ searchParams }: { searchParams: SearchParams }) {
  const { requestId, context } = await flowIdentity(searchParams);
  const t = await getTranslations('mfa');
  const load = async () => ({ view: await getOtpView(context), remembered: await rememberedDeviceRedirect(context) });
  return withFlowErrors(expiredToPage(requestId, load), ({ view, remembered }) => {
    if (remembered) redirect(remembered);
    if (view.redirectTo) redirect(view.redirectTo);
    const setup = view.setup;
    return (
      <RequestShell
        title={setup ? t('otpSetup.title') : t('otp.title')}
        description={setup ? t('otpSetup.description') : t('otp.description', { appName: view.appName })}
        orgSlug={view.orgSlug}
      >
        <div className="flex flex-col gap-5">
          {setup ? (
            <div className="flex flex-col items-center gap-3">
              {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL rendered on the server */}
              <img src={setup.qrDataUrl} alt={t('otpSetup.qrAlt', { appName: view.appName })} width={192} height={192} className="size-48 rounded-control bg-white p-2" />
              <div className="flex w-full flex-col gap-1 text-center">
                <span id="otp-secret-label" className="text-sm font-medium text-surface-foreground">
                  {t('otpSetup.secretLabel')}
                </span>
                <code aria-labelledby="otp-secret-label" className="break-all rounded-control bg-muted px-3 py-2 font-mono text-sm tracking-wider" data-testid="otp-secret">
                  {setup.secret}
                </code>
              </div>
            </div>
          ) : null}
          <WithMessages namespaces={['fieldErrors']}>
            <CodeForm
              action="/identity/v1/process-otp-mfa"
              body={{ requestId }}
              requestId={requestId}
              labels={{ code: t('codeLabel'), hint: setup ? t('otpSetup.codeHint') : t('otp.codeHint'), submit: setup ? t('otpSetup.submit') : t('submit'), error: t('error') }}
              toggle={view.rememberDevice ? { name: 'rememberDevice', label: t('rememberDevice') } : undefined}
              testId="otp-form"
            />
          </WithMessages>
          {view.allowEmailFallback ? <EmailFallbackLink requestId={requestId!} locale={view.locale} label={t('useEmail')} /> : null}
        </div>
      </RequestShell>
    );
  });
}
