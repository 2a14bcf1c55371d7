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
import { useTableLabels } from '../labels';
import { useApiMutation, useApiQuery } from '../query';
import { useTableState } from '../use-table-state';
import { SamlIdpFormDialog, type SamlIdpDialogState } from './SamlIdpFormDialog';
import type { SamlIdp } from './types';

const IDPS_PATH = '/api/v1/saml/idps';

/**
 * SAML identity providers (ENABLE_SAML_SSO_AS_SP). The section is gated on manage_saml, which
 * covers reads and writes alike (there is no read-only SAML right), so every viewer may write.
 * The API returns the list whole: search, sort and paging run here, in the URL.
 */
export function SamlIdpsView({ enabled }: { enabled: boolean }) {
  const t = useTranslations('adminSaml');
  const tCommon = useTranslations('admin.common');
  const tTable = useTranslations('admin.table');
  const labels = useTableLabels();
  const table = useTableState({ sort: 'name' });
  const list = useApiQuery<{ idps: SamlIdp[] }>(IDPS_PATH, undefined, { enabled });
  const [dialog, setDialog] = useState<SamlIdpDialogState>(null);
  const [deleting, setDeleting] = useState<SamlIdp | null>(null);

  const remove = useApiMutation<void, SamlIdp>({
    request: (idp) => ({ path: `${IDPS_PATH}/${idp.id}`, method: 'DELETE' }),
    invalidates: [IDPS_PATH],
    successMessage: (_, idp) => t('deleted', { name: idp.name }),
    onSuccess: () => setDeleting(null),
  });

  if (!enabled) {
    return (
      <>
        <PageHeader title={t('title')} description={t('description')} />
        <EmptyState title={t('disabled')}>{t('disabledHint')}</EmptyState>
      </>
    );
  }

  const view = list.data
    ? applyTableState(list.data.idps, table, {
        searchText: (idp) => [idp.name, idp.userIdAttribute, idp.emailAttribute ?? ''],
        sortKeys: { name: (idp) => idp.name, updatedAt: (idp) => idp.updatedAt },
      })
    : undefined;

  const columns: DataTableColumn<SamlIdp>[] = [
    { id: 'name', header: t('name'), sortable: true, rowHeader: true, cell: (idp) => <code className="font-mono text-sm">{idp.name}</code> },
    { id: 'status', header: t('status'), cell: (idp) => (idp.isActive ? <Badge variant="success">{t('activeBadge')}</Badge> : <Badge>{t('inactiveBadge')}</Badge>) },
    { id: 'userIdAttribute', header: t('userIdAttribute'), cell: (idp) => <code className="font-mono text-sm break-all">{idp.userIdAttribute}</code>, className: 'max-w-xs' },
    {
      id: 'emailAttribute',
      header: t('emailAttribute'),
      cell: (idp) => (idp.emailAttribute ? <code className="font-mono text-sm break-all">{idp.emailAttribute}</code> : <span className="text-muted-foreground">{t('notMapped')}</span>),
      className: 'max-w-xs',
    },
    {
      id: 'actions',
      header: <span className="sr-only">{tCommon('actions')}</span>,
      className: 'text-end',
      cell: (idp) => (
        <span className="flex justify-end gap-2 whitespace-nowrap">
          <Button variant="secondary" size="sm" onClick={() => setDialog({ mode: 'edit', idp })} aria-label={t('editIdp', { name: idp.name })}>
            {tCommon('edit')}
          </Button>
          <Button variant="ghost" size="sm" className="text-danger" onClick={() => setDeleting(idp)} aria-label={t('deleteIdp', { name: idp.name })}>
            {tCommon('delete')}
          </Button>
        </span>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} actions={<Button onClick={() => setDialog({ mode: 'create' })}>{t('create')}</Button>} />
      <DataTable
        caption={t('title')}
        columns={columns}
        rows={view?.rows}
        total={view?.total}
        rowKey={(idp) => idp.id}
        state={table}
        searchable
        isLoading={list.isLoading}
        isFetching={list.isFetching}
        error={list.error}
        onRetry={() => list.refetch()}
        labels={labels}
        empty={table.q ? <EmptyState title={tTable('noMatch', { q: table.q })} /> : <EmptyState title={t('empty')}>{t('emptyHint')}</EmptyState>}
      />
      <SamlIdpFormDialog state={dialog} onClose={() => setDialog(null)} />
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
  );
}
