import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireSection } from '@/components/admin/section-gate';
import { buttonClasses } from '@/components/ui/Button';
import { PageHeader } from '@/components/ui/PageHeader';
import { ACCOUNT_POLICIES, ADMIN_LOGIN_PATH } from '@/lib/admin/sign-in';
import { policyUnavailability } from '@/lib/oauth/policies';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.nav');
  return { title: t('account') };
}

const ACCOUNT_PATH = '/admin/account';

/**
 * /admin/account: the signed-in admin's own profile, and their account changes through the hosted
 * policy pages (the same pages and rules as for every user): each link signs in to the dashboard
 * again with `policy=`, which shows that page and comes back here with a fresh session. Policies
 * this deployment blocks or has turned off are not offered.
 */
export default async function AccountPage() {
  const gate = await requireSection('account');
  if (gate.view) return gate.view;
  const { session } = gate;
  const t = await getTranslations('admin.accountPage');
  const tAdmin = await getTranslations('admin');
  const name = [session.user.firstName, session.user.lastName].filter(Boolean).join(' ');
  const policies = ACCOUNT_POLICIES.filter((policy) => policyUnavailability(policy) === null);

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="flex flex-col gap-6">
        <section aria-labelledby="account-profile" className="rounded-card border border-border bg-surface p-4 sm:p-6">
          <h2 id="account-profile" className="text-lg font-semibold text-surface-foreground">
            {t('profile')}
          </h2>
          <dl className="mt-4 grid gap-4 text-sm sm:grid-cols-3">
            <div>
              <dt className="font-medium text-surface-foreground">{t('name')}</dt>
              <dd className="mt-1 text-muted-foreground" data-testid="account-name">
                {name || t('noName')}
              </dd>
            </div>
            <div>
              <dt className="font-medium text-surface-foreground">{t('email')}</dt>
              <dd className="mt-1 wrap-break-word text-muted-foreground" data-testid="account-email">
                {session.user.email ?? '—'}
              </dd>
            </div>
            <div>
              <dt className="font-medium text-surface-foreground">{tAdmin('roles')}</dt>
              <dd className="mt-1 text-muted-foreground">{session.roles.length ? session.roles.join(', ') : tAdmin('noRoles')}</dd>
            </div>
          </dl>
        </section>
        <section aria-labelledby="account-actions" className="rounded-card border border-border bg-surface p-4 sm:p-6">
          <h2 id="account-actions" className="text-lg font-semibold text-surface-foreground">
            {t('actions')}
          </h2>
          <p className="mt-1 text-sm text-muted-foreground">{t('actionsHint')}</p>
          <ul className="mt-4 grid gap-4" data-testid="account-policies">
            {policies.map((policy) => (
              <li key={policy} data-policy={policy} className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
                <p className="text-sm text-muted-foreground sm:max-w-md">{t(`policies.${policy}.description`)}</p>
                <a
                  href={`${ADMIN_LOGIN_PATH}?${new URLSearchParams({ policy, returnTo: ACCOUNT_PATH })}`}
                  className={buttonClasses({ variant: 'secondary', className: 'shrink-0' })}
                >
                  {t(`policies.${policy}.label`)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
