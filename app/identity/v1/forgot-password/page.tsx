import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { deploymentBranding, flowIdentity, RequestShell } from '@/components/identity/flow-page';
import { IdentityShell } from '@/components/identity/IdentityShell';
import { identityPath } from '@/components/identity/paths';
import { ResetPasswordForm } from '@/components/identity/ResetPasswordForm';
import { WithMessages } from '@/components/identity/WithMessages';
import { buttonClasses } from '@/components/ui/Button';
import { getResetPasswordView } from '@/lib/identity/password-reset';
import { ErrorView } from '@/components/identity/ErrorView';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('resetPassword');
  return { title: t('title') };
}

/**
 * "Forgot password?" (ENABLE_PASSWORD_RESET): from the sign-in page of a request (`?request=…`,
 * which the user returns to), or on its own. `?done=1`: the password was changed outside a request.
 * `?email=…&code=…`: an operator's one-time reset link (the form opens at the code step).
 */
export default async function ForgotPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { done, email, code } = await searchParams;
  const { context } = await flowIdentity(searchParams);
  const t = await getTranslations('resetPassword');
  const view = await getResetPasswordView(context);
  if (!view.enabled) {
    return (
      <IdentityShell branding={deploymentBranding()}>
        <ErrorView code="password_reset_disabled" />
      </IdentityShell>
    );
  }
  if (done === '1') {
    return (
      <IdentityShell title={t('doneTitle')} branding={deploymentBranding()}>
        <p role="status" className="text-center text-sm text-pretty text-muted-foreground">
          {t('done')}
        </p>
      </IdentityShell>
    );
  }
  const signInHref = view.requestId ? identityPath('sign-in', { request: view.requestId, locale: view.locale }) : null;
  return (
    <RequestShell title={t('title')} description={view.appName ?? undefined} orgSlug={view.orgSlug}>
      <div className="flex flex-col gap-6">
        <WithMessages namespaces={['resetPassword', 'password', 'fieldErrors']}>
          <ResetPasswordForm
            requestId={view.requestId ?? undefined}
            defaultEmail={typeof email === 'string' ? email.slice(0, 320) : ''}
            defaultCode={typeof code === 'string' && /^\d{6}$/.test(code) ? code : ''}
          />
        </WithMessages>
        {signInHref ? (
          <a href={signInHref} className={buttonClasses({ variant: 'ghost', fullWidth: true })}>
            {t('backToSignIn')}
          </a>
        ) : null}
      </div>
    </RequestShell>
  );
}
