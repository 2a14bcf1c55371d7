import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ActivityFeed } from '@/components/admin/dashboard/ActivityFeed';
import { ConfigurationList } from '@/components/admin/dashboard/ConfigurationList';
import { StatsPanel } from '@/components/admin/dashboard/StatsPanel';
import { requireSection } from '@/components/admin/section-gate';
import { PageHeader } from '@/components/ui/PageHeader';
import { hasScope, isRoot } from '@/lib/access/scopes';
import { config } from '@/lib/config';
import { ADMIN_SCOPES } from '@/lib/roles/admin-scopes';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin');
  return { title: t('title') };
}

type AdminScopeName = (typeof ADMIN_SCOPES)[number];
const isAdminScope = (scope: string): scope is AdminScopeName => (ADMIN_SCOPES as readonly string[]).includes(scope);

const ENDPOINTS = [
  { key: 'discovery', href: '/.well-known/openid-configuration' },
  { key: 'jwks', href: '/.well-known/jwks.json' },
  { key: 'swagger', href: '/api/v1/swagger' },
  { key: 'embeddedSwagger', href: '/api/v1/embedded-swagger' },
  { key: 'info', href: '/info' },
] as const;

/**
 * The dashboard's home: who is signed in and what their roles let them do, the server's
 * endpoints, the live activity feed (the events their rights allow), activity charts (for admins
 * who may read users) and the effective configuration.
 */
export default async function AdminHomePage() {
  const gate = await requireSection('dashboard');
  if (gate.view) return gate.view;
  const { session } = gate;
  const t = await getTranslations('admin');
  const email = session.user.email ?? session.user.id;
  const name = [session.user.firstName, session.user.lastName].filter(Boolean).join(' ') || email;
  const holdsRoot = isRoot(session);

  return (
    <>
      <PageHeader title={t('home.title')} />
      <div className="flex flex-col gap-8">
        <div className="grid gap-4 lg:grid-cols-2">
          <section aria-labelledby="admin-you" className="rounded-card border border-border bg-surface p-4 sm:p-6">
            <h2 id="admin-you" className="text-lg font-semibold text-surface-foreground">
              {t('home.signedInAs', { name })}
            </h2>
            <dl className="mt-4 grid gap-4 text-sm">
              <div>
                <dt className="font-medium text-surface-foreground">{t('account')}</dt>
                <dd className="mt-1 wrap-break-word text-muted-foreground" data-testid="admin-email">
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
                    {holdsRoot ? (
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
          <section aria-labelledby="admin-endpoints" className="rounded-card border border-border bg-surface p-4 sm:p-6">
            <h2 id="admin-endpoints" className="text-lg font-semibold text-surface-foreground">
              {t('home.links.title')}
            </h2>
            <ul className="mt-4 grid gap-3 text-sm" data-testid="admin-endpoints">
              {ENDPOINTS.map((endpoint) => (
                <li key={endpoint.key}>
                  <a href={endpoint.href} className="font-medium text-brand underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">
                    {t(`home.links.${endpoint.key}`)}
                  </a>
                  <code className="mt-0.5 block font-mono text-xs text-muted-foreground sm:ms-2 sm:mt-0 sm:inline">{endpoint.href}</code>
                </li>
              ))}
            </ul>
          </section>
        </div>
        <ActivityFeed />
        {hasScope(session.scopes, 'read_user') ? <StatsPanel signInLogEnabled={config().enableSignInLog} /> : null}
        <ConfigurationList />
      </div>
    </>
  );
}
