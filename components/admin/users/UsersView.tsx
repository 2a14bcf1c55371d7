'use client';

import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/Badge';
import { Button, buttonClasses } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { DataTable, type DataTableColumn } from '@/components/ui/DataTable';
import { PageHeader } from '@/components/ui/PageHeader';
import { EmptyState } from '@/components/ui/States';
import { useCan } from '../AdminProviders';
import { useBulkMutation } from '../bulk';
import { useTableLabels } from '../labels';
import { useLiveInvalidation } from '../live-events';
import { useApiQuery } from '../query';
import { useTableState } from '../use-table-state';
import { CreateUserDialog } from './CreateUserDialog';
import { ImportUsersDialog } from './ImportUsersDialog';
import { USERS_TABLE_DEFAULTS, usersListQuery } from './list-query';
import { fullName, userPath, USERS_PATH, type LocaleOption, type User } from './types';

type BulkAction = 'activate' | 'deactivate' | 'delete';

const checkboxClass = 'size-4 rounded border-border accent-brand focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring';

/**
 * The users list: search, sort and paging run in the API (100,000 users and more), all in the
 * URL. Rows of the current page can be selected for bulk activate / deactivate / delete (write_user).
 */
export function UsersView({ locales }: { locales: readonly LocaleOption[] }) {
  const t = useTranslations('adminUsers');
  const tCommon = useTranslations('admin.common');
  const tTable = useTranslations('admin.table');
  const format = useFormatter();
  const labels = useTableLabels();
  const canWrite = useCan('write_user');
  const table = useTableState(USERS_TABLE_DEFAULTS);
  const list = useApiQuery<{ users: User[]; count: number }>(USERS_PATH, usersListQuery(table));
  // users created or deleted elsewhere (the API, sign-ups, another admin) show up without a reload
  useLiveInvalidation();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulk, setBulk] = useState<BulkAction | null>(null);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);

  // A selection belongs to the rows on screen: a new page, search or sort starts without one.
  const viewKey = `${table.q}|${table.sort}|${table.order}|${table.page}|${table.pageSize}`;
  // Adjusted while rendering, so the new rows never show the old selection.
  const [selectionView, setSelectionView] = useState(viewKey);
  if (selectionView !== viewKey) {
    setSelectionView(viewKey);
    setSelected(new Set());
  }

  const rows = list.data?.users;
  const selectedUsers = (rows ?? []).filter((user) => selected.has(user.authId));

  const run = useBulkMutation<User>({
    request: (user) =>
      bulk === 'delete' ? { path: userPath(user.authId), method: 'DELETE' } : { path: userPath(user.authId), method: 'PUT', body: { isActive: bulk === 'activate' } },
    invalidates: [USERS_PATH],
    successMessage: (done) => t(`bulk.${bulk ?? 'activate'}Done`, { count: done }),
    failureMessage: (failed, error) => t('bulk.failed', { count: failed, error }),
    onSettled: () => {
      setBulk(null);
      setSelected(new Set());
    },
  });

  const toggle = (authId: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(authId);
      else next.delete(authId);
      return next;
    });
  const allSelected = !!rows?.length && rows.every((user) => selected.has(user.authId));

  const date = (value: string | null) => (value ? format.dateTime(new Date(value), { dateStyle: 'medium', timeStyle: 'short' }) : t('never'));

  const columns: DataTableColumn<User>[] = [
    {
      id: 'select',
      header: (
        <input
          type="checkbox"
          className={checkboxClass}
          aria-label={t('selectAll')}
          checked={allSelected}
          disabled={!rows?.length}
          onChange={(event) => setSelected(event.target.checked ? new Set(rows?.map((user) => user.authId)) : new Set())}
        />
      ),
      className: 'w-10',
      cell: (user) => (
        <input
          type="checkbox"
          className={checkboxClass}
          aria-label={t('select', { email: user.email ?? user.authId })}
          checked={selected.has(user.authId)}
          onChange={(event) => toggle(user.authId, event.target.checked)}
        />
      ),
    },
    {
      id: 'email',
      header: t('email'),
      sortable: true,
      rowHeader: true,
      cell: (user) => (
        <Link href={`/admin/users/${user.authId}`} className="font-medium text-foreground underline underline-offset-4 hover:no-underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">
          {user.email ?? user.authId}
        </Link>
      ),
    },
    { id: 'name', header: t('name'), cell: (user) => fullName(user) ?? <span className="text-muted-foreground">—</span> },
    {
      id: 'status',
      header: t('status'),
      cell: (user) => (
        <span className="flex flex-wrap gap-1">
          <Badge variant={user.isActive ? 'success' : 'danger'}>{user.isActive ? t('active') : t('inactive')}</Badge>
          {user.emailVerified ? null : <Badge variant="warning">{t('unverified')}</Badge>}
          {user.isInviting ? <Badge variant="brand">{t('invited')}</Badge> : null}
          {user.socialAccountType ? <Badge>{user.socialAccountType}</Badge> : null}
        </span>
      ),
    },
    { id: 'lastSignInAt', header: t('lastSignIn'), sortable: true, cell: (user) => date(user.lastSignInAt) },
    { id: 'createdAt', header: t('created'), sortable: true, cell: (user) => date(user.createdAt) },
  ];

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <>
            <a href={`${USERS_PATH}/export`} download="users.ndjson" className={buttonClasses({ variant: 'secondary' })}>
              {t('export')}
            </a>
            {canWrite ? (
              <>
                <Button variant="secondary" onClick={() => setImporting(true)}>
                  {t('import.open')}
                </Button>
                <Button onClick={() => setCreating(true)}>{t('create')}</Button>
              </>
            ) : null}
          </>
        }
      />
      <DataTable
        caption={t('title')}
        columns={canWrite ? columns : columns.filter((column) => column.id !== 'select')}
        rows={rows}
        total={list.data?.count}
        rowKey={(user) => user.authId}
        state={table}
        searchable
        isLoading={list.isLoading}
        isFetching={list.isFetching}
        error={list.error}
        onRetry={() => list.refetch()}
        labels={labels}
        empty={table.q ? <EmptyState title={tTable('noMatch', { q: table.q })} /> : <EmptyState title={t('empty')} />}
        toolbar={
          canWrite && selectedUsers.length ? (
            <div role="group" aria-label={t('bulk.label')} className="flex flex-wrap items-center gap-2">
              <span className="text-sm text-muted-foreground" aria-live="polite">
                {t('bulk.selected', { count: selectedUsers.length })}
              </span>
              <Button size="sm" variant="secondary" onClick={() => setBulk('activate')}>
                {t('bulk.activate')}
              </Button>
              <Button size="sm" variant="secondary" onClick={() => setBulk('deactivate')}>
                {t('bulk.deactivate')}
              </Button>
              <Button size="sm" variant="danger" onClick={() => setBulk('delete')}>
                {t('bulk.delete')}
              </Button>
            </div>
          ) : null
        }
      />
      {canWrite ? (
        <>
          <CreateUserDialog open={creating} onClose={() => setCreating(false)} locales={locales} />
          <ImportUsersDialog open={importing} onClose={() => setImporting(false)} />
          <ConfirmDialog
            open={!!bulk}
            onOpenChange={(open) => (open ? undefined : setBulk(null))}
            title={t(`bulk.${bulk ?? 'activate'}Title`, { count: selectedUsers.length })}
            description={t(`bulk.${bulk ?? 'activate'}Description`, { count: selectedUsers.length })}
            typedConfirmation={bulk === 'delete' ? { value: String(selectedUsers.length), label: t('bulk.typeCount', { count: selectedUsers.length }) } : undefined}
            destructive={bulk !== 'activate'}
            confirmLabel={t(`bulk.${bulk ?? 'activate'}`)}
            cancelLabel={tCommon('cancel')}
            closeLabel={tCommon('close')}
            pending={run.isPending}
            onConfirm={() => run.mutate(selectedUsers)}
          />
        </>
      ) : null}
    </>
  );
}
