'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import type { DataTableColumn } from '@/components/ui/DataTable';
import { ResourceListView, useResourceList } from '../ResourceListView';
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
  const [dialog, setDialog] = useState<ScopeDialogState>(null);
  const resource = useResourceList<'scopes', Scope>({
    path: SCOPES_PATH,
    listKey: 'scopes',
    writeScope: 'write_scope',
    tableDefaults: { sort: 'name' },
    searchText: (scope) => [scope.name, scope.note],
    sortKeys: { name: (scope) => scope.name, type: (scope) => scope.type, updatedAt: (scope) => scope.updatedAt },
    deletedMessage: (scope) => t('deleted', { name: scope.name }),
  });

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
      cell: (scope) => (
        <span className="flex justify-end gap-2">
          <Button variant="secondary" size="sm" onClick={() => setDialog({ mode: 'edit', scope })} aria-label={t('editScope', { name: scope.name })}>
            {tCommon('edit')}
          </Button>
          {scope.isBuiltIn ? null : (
            <Button variant="ghost" size="sm" className="text-danger" onClick={() => resource.askDelete(scope)} aria-label={t('deleteScope', { name: scope.name })}>
              {tCommon('delete')}
            </Button>
          )}
        </span>
      ),
    },
  ];

  return (
    <ResourceListView
      resource={resource}
      title={t('title')}
      description={t('description')}
      columns={columns}
      createLabel={t('create')}
      onCreate={() => setDialog({ mode: 'create' })}
      emptyTitle={t('empty')}
      deleteConfirm={(scope) => ({
        title: t('deleteTitle', { name: scope.name }),
        description: t('deleteDescription'),
        typedConfirmation: { value: scope.name, label: t('typeToConfirm', { name: scope.name }) },
      })}
    >
      <ScopeFormDialog state={dialog} onClose={() => setDialog(null)} locales={locales} />
    </ResourceListView>
  );
}
