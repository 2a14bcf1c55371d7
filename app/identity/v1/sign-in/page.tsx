import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { AppBanners } from '@/components/identity/AppBanners';
import { flowIdentity, RequestShell, withFlowErrors } from '@/components/identity/flow-page';
import { SignInForm } from '@/components/identity/SignInForm';
import { EmailCodeRequestForm } from '@/components/identity/EmailCodeRequestForm';
import { expiredToPage } from '@/components/identity/expired';
import { identityPath } from '@/components/identity/paths';
import { WithMessages } from '@/components/identity/WithMessages';
import { Alert } from '@/components/ui/Alert';
import { LazyPasskeySignIn } from '@/components/identity/passkeys/LazyPasskeySignIn';
import { config } from '@/lib/config';
import { getSignInView } from '@/lib/identity/sign-in';
import { signInOptions } from '@/lib/identity/sign-in-options';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('signIn');
  return { title: t('title') };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { requestId, context } = await flowIdentity(searchParams);
  const { notice } = await searchParams;
  const t = await getTranslations('signIn');
  const tRecovery = await getTranslations('recoveryCodes');
  const { allowPasskeyEnrollment: passkeys, enableRecoveryCode: recoveryCodes } = config();
  return withFlowErrors(
    expiredToPage(requestId, () => getSignInView(context)),
    async (view) => {
      if (view.redirectTo) redirect(view.redirectTo);
      const options = await signInOptions(view);
      const link = (page: string) => identityPath(page, { request: requestId, locale: view.locale });
      return (
        <RequestShell title={t('title')} description={view.appName} orgSlug={view.orgSlug}>
          <AppBanners appId={view.appId} locale={view.locale} />
          {notice === 'password_reset' ? (
            <Alert variant="success" role="status" className="mb-5">
              {t('passwordResetNotice')}
            </Alert>
          ) : null}
          {options.passwordless ? (
            <div className="flex flex-col gap-5">
              <p className="text-sm text-muted-foreground text-pretty">{t(options.passwordless === 'link' ? 'magicLinkIntro' : 'passwordlessIntro')}</p>
              <WithMessages namespaces={['fieldErrors']}>
                <EmailCodeRequestForm
                  requestId={requestId!}
                  action="/identity/v1/authorize-passwordless"
                  labels={{ email: t('email'), submit: t(options.passwordless === 'link' ? 'sendLink' : 'sendCode'), error: t('errors.generic') }}
                  defaultEmail={view.loginHint ?? ''}
                />
              </WithMessages>
            </div>
          ) : (
            <SignInForm
              requestId={requestId!}
              action="/identity/v1/authorize-password"
              defaultEmail={view.loginHint ?? ''}
              passkeyAutofill={passkeys}
              forgotPasswordHref={options.passwordReset ? link('forgot-password') : undefined}
            />
          )}
          {passkeys || recoveryCodes ? (
            <div className="mt-5 flex flex-col gap-3">
              {passkeys ? (
                <WithMessages namespaces={['passkeys']}>
                  <LazyPasskeySignIn requestId={requestId!} />
                </WithMessages>
              ) : null}
              {recoveryCodes ? (
                <a href={link('recovery-code-sign-in')} className="self-center rounded-sm text-sm font-medium text-brand underline-offset-4 hover:underline">
                  {tRecovery('signInLink')}
                </a>
              ) : null}
            </div>
          ) : null}
          {options.signUp ? (
            <p className="mt-6 text-center text-sm text-muted-foreground">
              {t('noAccount')}{' '}
              <a href={link('sign-up')} className="font-medium text-brand underline-offset-4 hover:underline">
                {t('signUp')}
              </a>
            </p>
          ) : null}
        </RequestShell>
      );
    },
  );
}
