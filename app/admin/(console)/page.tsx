import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { AdminBounce } from '@/components/admin/AdminBounce';
import { AdminShell, SignOutForm } from '@/components/admin/AdminShell';
import { adminPageSession } from '@/lib/admin/page-session';
import { ADMIN_HOME_PATH, ADMIN_LOGIN_PATH, SIGNED_OUT_STATE } from '@/lib/admin/sign-in';
import { ADMIN_SCOPES } from '@/lib/roles/admin-scopes';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin');
  return { title: t('title') };
}

type AdminScopeName = (typeof ADMIN_SCOPES)[number];
const isAdminScope = (scope: string): scope is AdminScopeName => (ADMIN_SCOPES as readonly string[]).includes(scope);

/**
 * The dashboard's home until the dashboard UI lands: who is signed in and what their roles let
 * them do; a "no access" page for users without any admin right; "signed out" after logout.
 */
export default async function AdminHomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { state } = await searchParams;
  const t = await getTranslations('admin');
  const page = await adminPageSession();

  if (page.kind === 'bounce') return <AdminBounce href={ADMIN_HOME_PATH} />;
  if (page.kind === 'none') {
    if (state !== SIGNED_OUT_STATE) redirect(ADMIN_LOGIN_PATH);
    return (
      <AdminShell title={t('signedOut.title')}>
        <p className="text-sm text-muted-foreground">{t('signedOut.message')}</p>
        <a
          href={ADMIN_LOGIN_PATH}
          className="mt-6 inline-flex h-10 items-center justify-center rounded-control bg-brand px-4 text-sm font-medium text-brand-foreground shadow-sm hover:bg-brand-hover"
        >
          {t('signedOut.signIn')}
        </a>
      </AdminShell>
    );
  }

  const { session } = page;
  const csrfMeta = <meta name="tessera-csrf-token" content={session.csrfToken} />;
  const email = session.user.email ?? session.user.id;
  const name = [session.user.firstName, session.user.lastName].filter(Boolean).join(' ') || email;

  if (!session.scopes.length) {
    return (
      <AdminShell title={t('noAccess.title')}>
        {csrfMeta}
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

  const isRoot = session.scopes.includes('root');
  return (
    <AdminShell title={t('signedInAs', { name })}>
      {csrfMeta}
      <dl className="grid gap-4 text-sm">
        <div>
          <dt className="font-medium text-surface-foreground">{t('account')}</dt>
          <dd className="mt-1 text-muted-foreground" data-testid="admin-email">
            {email}
          </dd>
        </div>
        <div>
          <dt className="font-medium text-surface-foreground">{t('roles')}</dt>
          <dd className="mt-1 text-muted-foreground" data-testid="admin-roles">
            {session.roles.length ? session.roles.join(', ') : t('noRoles')}
          </dd>
        </div>
        <div>
          <dt className="font-medium text-surface-foreground">{t('rights')}</dt>
          <dd className="mt-1 text-muted-foreground">{t('rightsHint')}</dd>
          <dd className="mt-2">
            <ul className="grid gap-1" data-testid="admin-rights">
              {isRoot ? (
                <li data-scope="root">
                  <code className="font-mono text-xs">root</code> — {t('fullAccess')}
                </li>
              ) : (
                session.scopes.filter(isAdminScope).map((scope) => (
                  <li key={scope} data-scope={scope}>
                    <code className="font-mono text-xs">{scope}</code> — {t(`scope.${scope}`)}
                  </li>
                ))
              )}
            </ul>
          </dd>
        </div>
      </dl>
      <div className="mt-6">
        <SignOutForm csrfToken={session.csrfToken} />
      </div>
    </AdminShell>
  );
}
