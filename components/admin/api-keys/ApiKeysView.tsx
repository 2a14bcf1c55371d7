'use client';

import { useFormatter, useTranslations } from 'next-intl';
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
import { ApiKeyFormDialog, type ShownApiKey } from './ApiKeyFormDialog';
import { ApiKeyShownDialog } from './KeyDialog';
import { API_KEYS_PATH, type ApiKeySummary } from './types';

const STATUS_VARIANT = { active: 'success', revoked: 'danger', expired: 'warning' } as const;

/**
 * API keys (root): the list whole from the API, revoked and expired keys included; create (the
 * key shown once) and revoke. A revoked key stays listed: the audit log names it.
 */
export function ApiKeysView() {
  const t = useTranslations('adminApiKeys');
  const tCommon = useTranslations('admin.common');
  const tTable = useTranslations('admin.table');
  const format = useFormatter();
  const labels = useTableLabels();
  const canWrite = useCan('root');
  const table = useTableState({ sort: 'createdAt', order: 'desc' });
  const list = useApiQuery<{ apiKeys: ApiKeySummary[] }>(API_KEYS_PATH);
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<ShownApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKeySummary | null>(null);
  const revoke = useApiMutation<{ apiKey: ApiKeySummary }, ApiKeySummary>({
    request: (apiKey) => ({ path: `${API_KEYS_PATH}/${apiKey.id}/revoke`, method: 'POST' }),
    invalidates: [API_KEYS_PATH],
    successMessage: (_, apiKey) => t('revoked', { name: apiKey.name }),
    onSuccess: () => setRevoking(null),
  });
  const view = list.data
    ? applyTableState(list.data.apiKeys, table, {
        searchText: (apiKey) => [apiKey.name, apiKey.prefix, ...apiKey.scopes],
        sortKeys: { name: (apiKey) => apiKey.name, createdAt: (apiKey) => apiKey.createdAt, lastUsedAt: (apiKey) => apiKey.lastUsedAt ?? '' },
      })
    : undefined;
  const time = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' }) : null);

  const columns: DataTableColumn<ApiKeySummary>[] = [
    {
      id: 'name',
      header: t('name'),
      sortable: true,
      rowHeader: true,
      cell: (apiKey) => (
        <span className="flex flex-col">
          <span className="font-medium">{apiKey.name}</span>
          <code className="font-mono text-xs text-muted-foreground">{apiKey.prefix}_…</code>
        </span>
      ),
    },
    { id: 'scopes', header: t('scopes'), cell: (apiKey) => <span className="font-mono text-xs">{apiKey.scopes.join(' ')}</span>, className: 'max-w-xs' },
    {
      id: 'status',
      header: t('status'),
      cell: (apiKey) => (
        <span className="flex flex-col items-start gap-1">
          <Badge variant={STATUS_VARIANT[apiKey.status]}>{t(`statuses.${apiKey.status}`)}</Badge>
          {apiKey.status === 'active' && apiKey.expiresAt ? <span className="text-xs text-muted-foreground">{t('expiresOn', { time: time(apiKey.expiresAt)! })}</span> : null}
        </span>
      ),
    },
    {
      id: 'ipAllowList',
      header: t('ipAllowList'),
      cell: (apiKey) => (apiKey.ipAllowList.length ? <span className="font-mono text-xs break-all">{apiKey.ipAllowList.join(', ')}</span> : <span className="text-muted-foreground">{t('anywhere')}</span>),
      className: 'max-w-xs',
    },
    {
      id: 'lastUsedAt',
      header: t('lastUsed'),
      sortable: true,
      cell: (apiKey) =>
        apiKey.lastUsedAt ? (
          <span className="flex flex-col text-sm">
            <span>{time(apiKey.lastUsedAt)}</span>
            {apiKey.lastUsedIp ? <code className="font-mono text-xs text-muted-foreground">{apiKey.lastUsedIp}</code> : null}
          </span>
        ) : (
          <span className="text-muted-foreground">{t('neverUsed')}</span>
        ),
    },
    { id: 'createdAt', header: t('createdAt'), sortable: true, cell: (apiKey) => time(apiKey.createdAt) },
    {
      id: 'actions',
      header: <span className="sr-only">{tCommon('actions')}</span>,
      className: 'text-end',
      cell: (apiKey) =>
        apiKey.status === 'revoked' ? null : (
          <Button variant="ghost" size="sm" className="text-danger" onClick={() => setRevoking(apiKey)} aria-label={t('revokeKey', { name: apiKey.name })}>
            {t('revoke')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} actions={canWrite ? <Button onClick={() => setCreating(true)}>{t('create')}</Button> : null} />
      <DataTable
        caption={t('title')}
        columns={canWrite ? columns : columns.filter((column) => column.id !== 'actions')}
        rows={view?.rows}
        total={view?.total}
        rowKey={(apiKey) => apiKey.id}
        state={table}
        searchable
        isLoading={list.isLoading}
        isFetching={list.isFetching}
        error={list.error}
        onRetry={() => list.refetch()}
        labels={labels}
        empty={table.q ? <EmptyState title={tTable('noMatch', { q: table.q })} /> : <EmptyState title={t('empty')}>{t('emptyHint')}</EmptyState>}
      />
      {canWrite ? (
        <>
          <ApiKeyFormDialog open={creating} onClose={() => setCreating(false)} onCreated={setShown} />
          <ApiKeyShownDialog shown={shown} onClose={() => setShown(null)} />
          <ConfirmDialog
            open={!!revoking}
            onOpenChange={(open) => (open ? undefined : setRevoking(null))}
            title={t('revokeTitle', { name: revoking?.name ?? '' })}
            description={t('revokeDescription')}
            confirmLabel={t('revoke')}
            cancelLabel={tCommon('cancel')}
            closeLabel={tCommon('close')}
            pending={revoke.isPending}
            onConfirm={() => revoking && revoke.mutate(revoking)}
          />
        </>
      ) : null}
    </>
  );
}
