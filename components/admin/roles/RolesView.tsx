'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import type { DataTableColumn } from '@/components/ui/DataTable';
import { isRoot } from '@/lib/access/scopes';
import { useCan } from '../AdminProviders';
import { ResourceListView, useResourceList } from '../ResourceListView';
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
  const canReadUsers = useCan('read_user');
  const [dialog, setDialog] = useState<RoleDialogState>(null);
  const [members, setMembers] = useState<Role | null>(null);
  const resource = useResourceList<'roles', Role>({
    path: ROLES_PATH,
    listKey: 'roles',
    writeScope: 'write_role',
    tableDefaults: { sort: 'name' },
    searchText: (role) => [role.name, role.note, ...role.permissions],
    sortKeys: { name: (role) => role.name, updatedAt: (role) => role.updatedAt },
    deletedMessage: (role) => t('deleted', { name: role.name }),
  });
  const { canWrite } = resource;

  const rightsSummary = (role: Role) => {
    if (isRoot(role.adminScopes)) return <Badge variant="brand">{t('fullAccess')}</Badge>;
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
              <Button variant="ghost" size="sm" className="text-danger" onClick={() => resource.askDelete(role)} aria-label={t('deleteRole', { name: role.name })}>
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
      <ResourceListView
        resource={resource}
        title={t('title')}
        description={t('description')}
        columns={columns}
        showActions={canWrite || canReadUsers}
        createLabel={t('create')}
        onCreate={() => setDialog({ mode: 'create' })}
        emptyTitle={t('empty')}
        deleteConfirm={(role) => ({
          title: t('deleteTitle', { name: role.name }),
          description: t('deleteDescription'),
          typedConfirmation: { value: role.name, label: t('typeToConfirm', { name: role.name }) },
        })}
      >
        <RoleFormDialog state={dialog} onClose={() => setDialog(null)} />
      </ResourceListView>
      {canReadUsers ? <RoleUsersDialog role={members} onClose={() => setMembers(null)} /> : null}
    </>
  );
}
