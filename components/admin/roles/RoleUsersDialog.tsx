'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { Dialog } from '@/components/ui/Dialog';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/States';
import { useApiQuery } from '../query';
import type { Role, RoleUser } from './types';

const PAGE_SIZE = 10;

/** The users holding a role, a page at a time (GET /api/v1/roles/{id}/users, oldest first). */
export function RoleUsersDialog({ role, onClose }: { role: Role | null; onClose: () => void }) {
  const t = useTranslations('adminRoles');
  const tCommon = useTranslations('admin.common');
  return (
    <Dialog open={!!role} onOpenChange={(open) => (open ? undefined : onClose())} title={t('usersTitle', { name: role?.name ?? '' })} closeLabel={tCommon('close')}>
      {role ? <RoleUsers key={role.id} role={role} /> : null}
    </Dialog>
  );
}

function RoleUsers({ role }: { role: Role }) {
  const t = useTranslations('adminRoles');
  const tCommon = useTranslations('admin.common');
  const tTable = useTranslations('admin.table');
  const [page, setPage] = useState(1);
  const users = useApiQuery<{ users: RoleUser[]; count: number }>(`/api/v1/roles/${role.id}/users`, { page_size: PAGE_SIZE, page_number: page });

  if (users.error) return <ErrorState title={t('usersLoadFailed')} message={users.error.message} retryLabel={tCommon('retry')} onRetry={() => users.refetch()} retrying={users.isFetching} />;
  if (!users.data) {
    return <LoadingState label={tCommon('loading')} bars={['h-8', 'h-8']} />;
  }
  const { count } = users.data;
  if (!count) return <EmptyState title={t('noUsers')} />;
  const pages = Math.max(1, Math.ceil(count / PAGE_SIZE));
  return (
    <div className="flex flex-col gap-3" aria-busy={users.isFetching}>
      <p className="text-sm text-muted-foreground">{tTable('total', { total: count })}</p>
      <ul className="flex flex-col divide-y divide-border rounded-control border border-border" data-testid="role-users">
        {users.data.users.map((user) => {
          const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
          return (
            <li key={user.authId} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
              <span className="min-w-0">
                <span className="block truncate font-medium">{user.email ?? user.authId}</span>
                {name ? <span className="block truncate text-muted-foreground">{name}</span> : null}
              </span>
              {user.isActive ? null : <Badge variant="warning">{t('inactive')}</Badge>}
            </li>
          );
        })}
      </ul>
      {pages > 1 ? (
        <nav aria-label={tTable('pagination')} className="flex items-center justify-between gap-2 text-sm">
          <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {tTable('previous')}
          </Button>
          <span>{tTable('pageOf', { page, pages })}</span>
          <Button variant="secondary" size="sm" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            {tTable('next')}
          </Button>
        </nav>
      ) : null}
    </div>
  );
}
