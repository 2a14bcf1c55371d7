import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireSection } from '@/components/admin/section-gate';
import { ServerReadBoundary } from '@/components/admin/ServerReadBoundary';
import { USERS_TABLE_DEFAULTS, usersListQuery } from '@/components/admin/users/list-query';
import { UsersView } from '@/components/admin/users/UsersView';
import { readTableState } from '@/lib/admin/table-state';
import { listUsersRoute } from '@/lib/api/routes/users';
import { LOCALE_NATIVE_NAMES, SUPPORTED_LOCALES } from '@/lib/config/locales';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.nav');
  return { title: t('users') };
}

/**
 * /admin/users: server-side search, sort and paging; bulk actions, create, import and export. The
 * page of users the URL names comes in the HTML, so the first rows show before hydration.
 */
export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const gate = await requireSection('users');
  if (gate.view) return gate.view;
  const params = await searchParams;
  const table = readTableState({ get: (name) => [params[name]].flat()[0] ?? null }, USERS_TABLE_DEFAULTS);
  return (
    <ServerReadBoundary route={listUsersRoute} query={usersListQuery(table)} session={gate.session}>
      <UsersView locales={SUPPORTED_LOCALES.map((code) => ({ code, name: LOCALE_NATIVE_NAMES[code] }))} />
    </ServerReadBoundary>
  );
}
