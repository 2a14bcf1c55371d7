'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog, type ConfirmDialogProps } from '@/components/ui/ConfirmDialog';
import { DataTable, type DataTableColumn } from '@/components/ui/DataTable';
import { PageHeader } from '@/components/ui/PageHeader';
import { EmptyState } from '@/components/ui/States';
import { applyTableState, type ClientTableOptions, type TableDefaults } from '@/lib/admin/table-state';
import { useCan } from './AdminProviders';
import { useTableLabels } from './labels';
import { useApiMutation, useApiQuery } from './query';
import { useRemovalConfirm } from './use-removal-confirm';
import { useTableState } from './use-table-state';

export interface ResourceListOptions<K extends string, T> extends ClientTableOptions<T> {
  /** The list's API path: GET returns `{ [listKey]: T[] }` whole, DELETE `<path>/<id>` removes a row. */
  path: string;
  listKey: K;
  /** The admin scope that shows write buttons (root holds every scope). The API checks it anyway. */
  writeScope: string;
  /** The list's default sort and order when the URL has none. */
  tableDefaults?: TableDefaults;
  /** False while the feature is switched off on the server: nothing is read. */
  enabled?: boolean;
  /** Toast after a delete. */
  deletedMessage: (row: T) => string;
}

/**
 * The state of a resource list the API returns whole: the URL's search, sort and page applied in
 * the browser, the write right, and the row waiting in the delete dialog. A confirmed delete takes
 * the row out of the list at once (back with an error toast if the server refuses). Render it
 * with ResourceListView; the view keeps its own columns and dialogs.
 */
export function useResourceList<K extends string, T extends { id: string }>({
  path,
  listKey,
  writeScope,
  tableDefaults,
  enabled = true,
  deletedMessage,
  searchText,
  sortKeys,
}: ResourceListOptions<K, T>) {
  const canWrite = useCan(writeScope);
  const table = useTableState(tableDefaults);
  const list = useApiQuery<Record<K, T[]>>(path, undefined, { enabled });
  const confirm = useRemovalConfirm(list.data?.[listKey], (row) => row.id);
  const remove = useApiMutation<void, T>({
    request: (row) => ({ path: `${path}/${row.id}`, method: 'DELETE' }),
    successMessage: (_, row) => deletedMessage(row),
    optimistic: { path, update: (current: Record<K, T[]>, row) => ({ ...current, [listKey]: current[listKey].filter((other) => other.id !== row.id) }) },
  });
  const view = list.data ? applyTableState(list.data[listKey], table, { searchText, sortKeys }) : undefined;
  return { canWrite, table, list, view, deleting: confirm.pending, askDelete: confirm.ask, cancelDelete: confirm.clear, remove, headingRef: confirm.focusTarget };
}

export type ResourceList<T extends { id: string }> = ReturnType<typeof useResourceList<string, T>>;

export interface ResourceListViewProps<T extends { id: string }> {
  resource: ResourceList<T>;
  /** The page's h1 and the table's caption. */
  title: string;
  description: ReactNode;
  columns: DataTableColumn<T>[];
  /** Whether the column with id `actions` is shown; by default only with the write right. */
  showActions?: boolean;
  /** The header's create button (write right only). */
  createLabel: string;
  onCreate: () => void;
  emptyTitle: string;
  emptyHint?: ReactNode;
  /** The delete dialog's texts for a row; pass typedConfirmation to make the admin type its name. */
  deleteConfirm: (row: T) => Pick<ConfirmDialogProps, 'title' | 'description' | 'typedConfirmation'>;
  /** The feature is switched off on the server: the header and this notice instead of the list. */
  disabledNotice?: { title: string; hint: ReactNode };
  /** The writers' dialogs (create, edit, …), rendered only with the write right. */
  children?: ReactNode;
}

/**
 * A resource list page: header with the create button, the table, and the delete dialog. The h1
 * takes the focus when a deleted row leaves the table (its Delete button, where the dialog would
 * give the focus back, is gone).
 */
export function ResourceListView<T extends { id: string }>({
  resource,
  title,
  description,
  columns,
  showActions = resource.canWrite,
  createLabel,
  onCreate,
  emptyTitle,
  emptyHint,
  deleteConfirm,
  disabledNotice,
  children,
}: ResourceListViewProps<T>) {
  const tCommon = useTranslations('admin.common');
  const tTable = useTranslations('admin.table');
  const labels = useTableLabels();
  const { canWrite, table, list, view, deleting, remove, headingRef } = resource;

  if (disabledNotice) {
    return (
      <>
        <PageHeader title={title} description={description} />
        <EmptyState title={disabledNotice.title}>{disabledNotice.hint}</EmptyState>
      </>
    );
  }

  const confirm = deleting ? deleteConfirm(deleting) : { title: '', description: '' };
  return (
    <>
      <PageHeader title={title} description={description} headingRef={headingRef} actions={canWrite ? <Button onClick={onCreate}>{createLabel}</Button> : null} />
      <DataTable
        caption={title}
        columns={showActions ? columns : columns.filter((column) => column.id !== 'actions')}
        rows={view?.rows}
        total={view?.total}
        rowKey={(row) => row.id}
        state={table}
        searchable
        isLoading={list.isLoading}
        isFetching={list.isFetching}
        error={list.error}
        onRetry={() => list.refetch()}
        labels={labels}
        empty={table.q ? <EmptyState title={tTable('noMatch', { q: table.q })} /> : <EmptyState title={emptyTitle}>{emptyHint}</EmptyState>}
      />
      {canWrite ? (
        <>
          {children}
          <ConfirmDialog
            open={!!deleting}
            onOpenChange={(open) => (open ? undefined : resource.cancelDelete())}
            {...confirm}
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
