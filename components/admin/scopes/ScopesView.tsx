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
import { ScopeFormDialog, type ScopeDialogState } from './ScopeFormDialog';
import type { LocaleOption, Scope } from './types';

const SCOPES_PATH = '/api/v1/scopes';

/**
 * The scopes list. The API returns every scope at once, so search, sort and paging run here,
 * with the same URL state as server-paged lists. Write buttons only with write_scope; built-in
 * scopes can be edited (note and consent texts; the name is fixed) but never deleted.
 */
export function ScopesView({ locales }: { locales: readonly LocaleOption[] }) {
  const t = useTranslations('admin.scopesPage');
  const tCommon = useTranslations('admin.common');
  const tTable = useTranslations('admin.table');
  const labels = useTableLabels();
  const canWrite = useCan('write_scope');
  const table = useTableState({ sort: 'name' });
  const list = useApiQuery<{ scopes: Scope[] }>(SCOPES_PATH);
  const [dialog, setDialog] = useState<ScopeDialogState>(null);
  const [deleting, setDeleting] = useState<Scope | null>(null);

  const remove = useApiMutation<void, Scope>({
    request: (scope) => ({ path: `${SCOPES_PATH}/${scope.id}`, method: 'DELETE' }),
    invalidates: [SCOPES_PATH],
    successMessage: (_, scope) => t('deleted', { name: scope.name }),
    onSuccess: () => setDeleting(null),
  });

  const view = list.data
    ? applyTableState(list.data.scopes, table, {
        searchText: (scope) => [scope.name, scope.note],
        sortKeys: { name: (scope) => scope.name, type: (scope) => scope.type, updatedAt: (scope) => scope.updatedAt },
      })
    : undefined;

  const columns: DataTableColumn<Scope>[] = [
    {
      id: 'name',
      header: t('name'),
      sortable: true,
      rowHeader: true,
      cell: (scope) => (
        <span className="flex flex-wrap items-center gap-2">
          <code className="font-mono text-sm">{scope.name}</code>
          {scope.isBuiltIn ? <Badge>{tCommon('builtIn')}</Badge> : null}
        </span>
      ),
    },
    { id: 'type', header: t('type'), sortable: true, cell: (scope) => <Badge variant={scope.type === 'spa' ? 'brand' : 'neutral'}>{t(`types.${scope.type}`)}</Badge> },
    { id: 'note', header: t('note'), cell: (scope) => <span className="text-muted-foreground">{scope.note}</span>, className: 'max-w-sm' },
    {
      id: 'actions',
      header: <span className="sr-only">{tCommon('actions')}</span>,
      className: 'text-end',
      cell: (scope) =>
        canWrite ? (
          <span className="flex justify-end gap-2">
            <Button variant="secondary" size="sm" onClick={() => setDialog({ mode: 'edit', scope })} aria-label={t('editScope', { name: scope.name })}>
              {tCommon('edit')}
            </Button>
            {scope.isBuiltIn ? null : (
              <Button variant="ghost" size="sm" className="text-danger" onClick={() => setDeleting(scope)} aria-label={t('deleteScope', { name: scope.name })}>
                {tCommon('delete')}
              </Button>
            )}
          </span>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          canWrite ? (
            <Button onClick={() => setDialog({ mode: 'create' })}>{t('create')}</Button>
          ) : null
        }
      />
      <DataTable
        caption={t('title')}
        columns={canWrite ? columns : columns.filter((column) => column.id !== 'actions')}
        rows={view?.rows}
        total={view?.total}
        rowKey={(scope) => scope.id}
        state={table}
        searchable
        isLoading={list.isLoading}
        isFetching={list.isFetching}
        error={list.error}
        onRetry={() => list.refetch()}
        labels={labels}
        empty={table.q ? <EmptyState title={tTable('noMatch', { q: table.q })} /> : <EmptyState title={t('empty')} />}
      />
      {canWrite ? (
        <>
          <ScopeFormDialog state={dialog} onClose={() => setDialog(null)} locales={locales} />
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
