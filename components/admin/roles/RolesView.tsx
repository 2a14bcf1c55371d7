'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { DataTable, type DataTableColumn } from '@/components/ui/DataTable';
import { PageHeader } from '@/components/ui/PageHeader';
import { EmptyState } from '@/components/ui/States';
import { applyTableState } from '@/lib/admin/table-state';
import { useCan } from '../AdminProviders';
import { useTableLabels } from '../labels';
import { useApiMutation, useApiQuery } from '../query';
import { useTableState } from '../use-table-state';
import { RoleFormDialog, type RoleDialogState } from './RoleFormDialog';
import { RoleUsersDialog } from './RoleUsersDialog';
import type { Role } from './types';

const ROLES_PATH = '/api/v1/roles';

/**
 * The roles list (the API returns every role at once: search, sort and paging run here with the
 * URL state of server-paged lists). Write buttons only with write_role; the built-in super_admin
 * is shown but never edited or deleted here. "Users" needs read_user too (the API's rule).
 */
export function RolesView() {
  const t = useTranslations('adminRoles');
  const tCommon = useTranslations('admin.common');
  const tTable = useTranslations('admin.table');
  const labels = useTableLabels();
  const canWrite = useCan('write_role');
  const canReadUsers = useCan('read_user');
  const table = useTableState({ sort: 'name' });
  const list = useApiQuery<{ roles: Role[] }>(ROLES_PATH);
  const [dialog, setDialog] = useState<RoleDialogState>(null);
  const [deleting, setDeleting] = useState<Role | null>(null);
  const [members, setMembers] = useState<Role | null>(null);

  const remove = useApiMutation<void, Role>({
    request: (role) => ({ path: `${ROLES_PATH}/${role.id}`, method: 'DELETE' }),
    invalidates: [ROLES_PATH],
    successMessage: (_, role) => t('deleted', { name: role.name }),
    onSuccess: () => setDeleting(null),
  });

  const view = list.data
    ? applyTableState(list.data.roles, table, {
        searchText: (role) => [role.name, role.note, ...role.permissions],
        sortKeys: { name: (role) => role.name, updatedAt: (role) => role.updatedAt },
      })
    : undefined;

  const rightsSummary = (role: Role) => {
    if (role.adminScopes.includes('root')) return <Badge variant="brand">{t('fullAccess')}</Badge>;
    if (!role.adminScopes.length) return <span className="text-muted-foreground">{t('noRights')}</span>;
    return (
      <span className="flex flex-wrap gap-1">
        {role.adminScopes.map((scope) => (
          <Badge key={scope}>
            <code className="font-mono text-xs">{scope}</code>
          </Badge>
        ))}
      </span>
    );
  };

  const columns: DataTableColumn<Role>[] = [
    {
      id: 'name',
      header: t('name'),
      sortable: true,
      rowHeader: true,
      cell: (role) => (
        <span className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{role.name}</span>
          {role.isBuiltIn ? <Badge>{tCommon('builtIn')}</Badge> : null}
        </span>
      ),
    },
    { id: 'note', header: t('note'), cell: (role) => <span className="text-muted-foreground">{role.note}</span>, className: 'max-w-xs' },
    {
      id: 'permissions',
      header: t('permissions'),
      cell: (role) =>
        role.permissions.length ? (
          <span className="flex flex-wrap gap-1">
            {role.permissions.map((permission) => (
              <code key={permission} className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">
                {permission}
              </code>
            ))}
          </span>
        ) : (
          <span className="text-muted-foreground">{t('none')}</span>
        ),
    },
    { id: 'adminScopes', header: t('adminRights'), cell: rightsSummary },
    {
      id: 'actions',
      header: <span className="sr-only">{tCommon('actions')}</span>,
      className: 'text-end',
      cell: (role) => (
        <span className="flex justify-end gap-2 whitespace-nowrap">
          {canReadUsers ? (
            <Button variant="ghost" size="sm" onClick={() => setMembers(role)} aria-label={t('usersOf', { name: role.name })}>
              {t('users')}
            </Button>
          ) : null}
          {canWrite && !role.isBuiltIn ? (
            <>
              <Button variant="secondary" size="sm" onClick={() => setDialog({ mode: 'edit', role })} aria-label={t('editRole', { name: role.name })}>
                {tCommon('edit')}
              </Button>
              <Button variant="ghost" size="sm" className="text-danger" onClick={() => setDeleting(role)} aria-label={t('deleteRole', { name: role.name })}>
                {tCommon('delete')}
              </Button>
            </>
          ) : null}
        </span>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} actions={canWrite ? <Button onClick={() => setDialog({ mode: 'create' })}>{t('create')}</Button> : null} />
      <DataTable
        caption={t('title')}
        columns={canWrite || canReadUsers ? columns : columns.filter((column) => column.id !== 'actions')}
        rows={view?.rows}
        total={view?.total}
        rowKey={(role) => role.id}
        state={table}
        searchable
        isLoading={list.isLoading}
        isFetching={list.isFetching}
        error={list.error}
        onRetry={() => list.refetch()}
        labels={labels}
        empty={table.q ? <EmptyState title={tTable('noMatch', { q: table.q })} /> : <EmptyState title={t('empty')} />}
      />
      {canReadUsers ? <RoleUsersDialog role={members} onClose={() => setMembers(null)} /> : null}
      {canWrite ? (
        <>
          <RoleFormDialog state={dialog} onClose={() => setDialog(null)} />
          <ConfirmDialog
            open={!!deleting}
            onOpenChange={(open) => (open ? undefined : setDeleting(null))}
            title={t('deleteTitle', { name: deleting?.name ?? '' })}
            description={t('deleteDescription')}
            typedConfirmation={deleting ? { value: deleting.name, label: t('typeToConfirm', { name: deleting.name }) } : undefined}
            confirmLabel={tCommon('delete')}
            cancelLabel={tCommon('cancel')}
            closeLabel={tCommon('close')}
            pending={remove.isPending}
            onConfirm={() => deleting && remove.mutate(deleting)}
          />
        </>
      ) : null}
    </>
  );
}
