import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireSection } from '@/components/admin/section-gate';
import { PageHeader } from '@/components/ui/PageHeader';
import { ADMIN_SCOPES } from '@/lib/roles/admin-scopes';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin');
  return { title: t('title') };
}

type AdminScopeName = (typeof ADMIN_SCOPES)[number];
const isAdminScope = (scope: string): scope is AdminScopeName => (ADMIN_SCOPES as readonly string[]).includes(scope);

/** The dashboard's home: who is signed in and what their roles let them do. */
export default async function AdminHomePage() {
  const gate = await requireSection('dashboard');
  if (gate.view) return gate.view;
  const { session } = gate;
  const t = await getTranslations('admin');
  const email = session.user.email ?? session.user.id;
  const name = [session.user.firstName, session.user.lastName].filter(Boolean).join(' ') || email;
  const isRoot = session.scopes.includes('root');

  return (
    <>
      <PageHeader title={t('signedInAs', { name })} />
      <section aria-labelledby="admin-you" className="rounded-card border border-border bg-surface p-6">
        <h2 id="admin-you" className="text-lg font-semibold text-surface-foreground">
          {t('you')}
        </h2>
        <dl className="mt-4 grid gap-4 text-sm">
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
      </section>
    </>
  );
}
