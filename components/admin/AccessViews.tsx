import { getTranslations } from 'next-intl/server';
import type { AdminSessionView } from '@/lib/admin/session';
import { ADMIN_LOGIN_PATH } from '@/lib/admin/sign-in';
import { buttonClasses } from '@/components/ui/Button';
import { AdminShell, SignOutForm } from './AdminShell';

/** After logout (/admin?state=signed_out): a way back in. */
export async function SignedOutView() {
  const t = await getTranslations('admin');
  return (
    <AdminShell title={t('signedOut.title')}>
      <p className="text-sm text-muted-foreground">{t('signedOut.message')}</p>
      <a href={ADMIN_LOGIN_PATH} className={buttonClasses({ className: 'mt-6' })}>
        {t('signedOut.signIn')}
      </a>
    </AdminShell>
  );
}

/** A signed-in user whose roles give no admin right: who they are, and sign-out to switch accounts. */
export async function NoAccessView({ session }: { session: AdminSessionView }) {
  const t = await getTranslations('admin');
  const email = session.user.email ?? session.user.id;
  return (
    <AdminShell title={t('noAccess.title')}>
      <div role="alert" className="rounded-control border border-warning-border bg-warning-bg p-4 text-sm text-warning-fg" data-testid="admin-no-access">
        <p className="font-medium">{t('noAccess.message', { email })}</p>
        <p className="mt-2">{t('noAccess.hint')}</p>
      </div>
      <div className="mt-6">
        <SignOutForm csrfToken={session.csrfToken} />
      </div>
    </AdminShell>
  );
}

/** Inside the console: a section the admin's rights do not include (its navigation is hidden too). */
export async function SectionDeniedView() {
  const t = await getTranslations('admin.sectionDenied');
  return (
    <div data-testid="admin-section-denied">
      <h1 className="text-2xl font-semibold tracking-tight text-foreground">{t('title')}</h1>
      <p className="mt-2 max-w-prose text-sm text-muted-foreground">{t('message')}</p>
    </div>
  );
}
