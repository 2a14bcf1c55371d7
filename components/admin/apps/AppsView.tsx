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
import { AppFormDialog, type AppDialogState } from './AppFormDialog';
import { SecretDialog, type ShownSecret } from './SecretDialog';
import type { App, AppWithSecret } from './types';

const APPS_PATH = '/api/v1/apps';

/**
 * The apps list (returned whole by the API: search, sort and paging run here, in the URL). With
 * write_app: create (an S2S app's secret shown once), edit, regenerate an S2S secret (shown once)
 * and delete; built-in apps are never deleted.
 */
export function AppsView() {
  const t = useTranslations('adminApps');
  const tCommon = useTranslations('admin.common');
  const tTable = useTranslations('admin.table');
  const labels = useTableLabels();
  const canWrite = useCan('write_app');
  const table = useTableState({ sort: 'name' });
  const list = useApiQuery<{ apps: App[] }>(APPS_PATH);
  const [dialog, setDialog] = useState<AppDialogState>(null);
  const [deleting, setDeleting] = useState<App | null>(null);
  const [regenerating, setRegenerating] = useState<App | null>(null);
  const [secret, setSecret] = useState<ShownSecret | null>(null);

  const showSecret = (app: AppWithSecret) => {
    if (app.secret) setSecret({ appName: app.name, clientId: app.clientId, secret: app.secret });
  };
  const remove = useApiMutation<void, App>({
    request: (app) => ({ path: `${APPS_PATH}/${app.id}`, method: 'DELETE' }),
    invalidates: [APPS_PATH],
    successMessage: (_, app) => t('deleted', { name: app.name }),
    onSuccess: () => setDeleting(null),
  });
  const regenerate = useApiMutation<{ app: AppWithSecret }, App>({
    request: (app) => ({ path: `${APPS_PATH}/${app.id}/secret`, method: 'POST' }),
    invalidates: [APPS_PATH],
    successMessage: (data) => t('secretRegenerated', { name: data.app.name }),
    onSuccess: (data) => {
      setRegenerating(null);
      showSecret(data.app);
    },
  });

  const view = list.data
    ? applyTableState(list.data.apps, table, {
        searchText: (app) => [app.name, app.clientId],
        sortKeys: { name: (app) => app.name, type: (app) => app.type, createdAt: (app) => app.createdAt },
      })
    : undefined;

  const columns: DataTableColumn<App>[] = [
    {
      id: 'name',
      header: t('name'),
      sortable: true,
      rowHeader: true,
      cell: (app) => (
        <span className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{app.name}</span>
          {app.isBuiltIn ? <Badge>{tCommon('builtIn')}</Badge> : null}
        </span>
      ),
    },
    { id: 'type', header: t('type'), sortable: true, cell: (app) => <Badge variant={app.type === 'spa' ? 'brand' : 'neutral'}>{t(`types.${app.type}`)}</Badge> },
    { id: 'clientId', header: t('clientId'), cell: (app) => <code className="font-mono text-xs break-all">{app.clientId}</code>, className: 'max-w-[14rem]' },
    { id: 'status', header: t('status'), cell: (app) => (app.isActive ? <Badge variant="success">{t('activeBadge')}</Badge> : <Badge variant="warning">{t('inactiveBadge')}</Badge>) },
    {
      id: 'actions',
      header: <span className="sr-only">{tCommon('actions')}</span>,
      className: 'text-end',
      cell: (app) => (
        <span className="flex justify-end gap-2 whitespace-nowrap">
          <Button variant="secondary" size="sm" onClick={() => setDialog({ mode: 'edit', app })} aria-label={t('editApp', { name: app.name })}>
            {tCommon('edit')}
          </Button>
          {app.type === 's2s' ? (
            <Button variant="ghost" size="sm" onClick={() => setRegenerating(app)} aria-label={t('regenerateFor', { name: app.name })}>
              {t('regenerate')}
            </Button>
          ) : null}
          {app.isBuiltIn ? null : (
            <Button variant="ghost" size="sm" className="text-danger" onClick={() => setDeleting(app)} aria-label={t('deleteApp', { name: app.name })}>
              {tCommon('delete')}
            </Button>
          )}
        </span>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} actions={canWrite ? <Button onClick={() => setDialog({ mode: 'create' })}>{t('create')}</Button> : null} />
      <DataTable
        caption={t('title')}
        columns={canWrite ? columns : columns.filter((column) => column.id !== 'actions')}
        rows={view?.rows}
        total={view?.total}
        rowKey={(app) => app.id}
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
          <AppFormDialog state={dialog} onClose={() => setDialog(null)} onCreated={showSecret} />
          <SecretDialog shown={secret} onClose={() => setSecret(null)} />
          <ConfirmDialog
            open={!!regenerating}
            onOpenChange={(open) => (open ? undefined : setRegenerating(null))}
            title={t('regenerateTitle', { name: regenerating?.name ?? '' })}
            description={t('regenerateDescription')}
            confirmLabel={t('regenerate')}
            cancelLabel={tCommon('cancel')}
            closeLabel={tCommon('close')}
            pending={regenerate.isPending}
            onConfirm={() => regenerating && regenerate.mutate(regenerating)}
          />
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
