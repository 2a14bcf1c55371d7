'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import type { DataTableColumn } from '@/components/ui/DataTable';
import { useApiMutation } from '../query';
import { ResourceListView, useResourceList } from '../ResourceListView';
import { AppFormDialog, type AppDialogState } from './AppFormDialog';
import { SecretDialog, type ShownSecret } from './SecretDialog';
import { APPS_PATH, type App, type AppWithSecret } from './types';


/**
 * The apps list (returned whole by the API: search, sort and paging run here, in the URL). With
 * write_app: create (an S2S app's secret shown once), edit, regenerate an S2S secret (shown once)
 * and delete; built-in apps are never deleted. Without it, View opens the app's dialog read-only.
 */
export function AppsView() {
  const t = useTranslations('adminApps');
  const tCommon = useTranslations('admin.common');
  const [dialog, setDialog] = useState<AppDialogState>(null);
  const [regenerating, setRegenerating] = useState<App | null>(null);
  const [secret, setSecret] = useState<ShownSecret | null>(null);
  const resource = useResourceList<'apps', App>({
    path: APPS_PATH,
    listKey: 'apps',
    writeScope: 'write_app',
    tableDefaults: { sort: 'name' },
    searchText: (app) => [app.name, app.clientId],
    sortKeys: { name: (app) => app.name, type: (app) => app.type, createdAt: (app) => app.createdAt },
    deletedMessage: (app) => t('deleted', { name: app.name }),
  });

  const showSecret = (app: AppWithSecret) => {
    if (app.secret) setSecret({ appName: app.name, clientId: app.clientId, secret: app.secret });
  };
  const regenerate = useApiMutation<{ app: AppWithSecret }, App>({
    request: (app) => ({ path: `${APPS_PATH}/${app.id}/secret`, method: 'POST' }),
    invalidates: [APPS_PATH],
    successMessage: (data) => t('secretRegenerated', { name: data.app.name }),
    onSuccess: (data) => {
      setRegenerating(null);
      showSecret(data.app);
    },
  });

  const columns: DataTableColumn<App>[] = [
    {
      id: 'name',
      header: t('name'),
      sortable: true,
      rowHeader: true,
      cell: (app) => (
        <span className="flex flex-wrap items-center gap-2">
          <Link href={`/admin/apps/${app.id}`} className="font-medium underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">
            {app.name}
          </Link>
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
      cell: (app) =>
        resource.canWrite ? (
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
              <Button variant="ghost" size="sm" className="text-danger" onClick={() => resource.askDelete(app)} aria-label={t('deleteApp', { name: app.name })}>
                {tCommon('delete')}
              </Button>
            )}
          </span>
        ) : (
          <Button variant="secondary" size="sm" onClick={() => setDialog({ mode: 'view', app })} aria-label={t('viewApp', { name: app.name })}>
            {t('view')}
          </Button>
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
        showActions
        createLabel={t('create')}
        onCreate={() => setDialog({ mode: 'create' })}
        emptyTitle={t('empty')}
        deleteConfirm={(app) => ({
          title: t('deleteTitle', { name: app.name }),
          description: t('deleteDescription'),
          typedConfirmation: { value: app.name, label: t('typeToConfirm', { name: app.name }) },
        })}
      >
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
      </ResourceListView>
      {/* beside the writers' dialogs: it is also the read-only view */}
      <AppFormDialog state={dialog} onClose={() => setDialog(null)} onCreated={showSecret} />
    </>
  );
}
