'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge, type BadgeVariant } from '@/components/ui/Badge';
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
import { BannerFormDialog, type BannerDialogState } from './BannerFormDialog';
import type { Banner, BannerApp, LocaleOption } from './types';

const BANNERS_PATH = '/api/v1/app-banners';

const TYPE_BADGES: Record<Banner['type'], BadgeVariant> = { info: 'brand', warning: 'warning', error: 'danger', success: 'success' };

/**
 * App banners (ENABLE_APP_BANNER): the list (returned whole: search, sort and paging here, in the
 * URL) with the text in the admin's language, type, status and the apps showing each. With
 * write_app: create, edit (texts per language, status, apps) and delete.
 */
export function BannersView({ locales, enabled }: { locales: readonly LocaleOption[]; enabled: boolean }) {
  const t = useTranslations('adminBanners');
  const tCommon = useTranslations('admin.common');
  const tTable = useTranslations('admin.table');
  const locale = useLocale();
  const labels = useTableLabels();
  const canWrite = useCan('write_app');
  const table = useTableState({ sort: 'createdAt', order: 'desc' });
  const list = useApiQuery<{ appBanners: Banner[] }>(BANNERS_PATH, undefined, { enabled });
  const apps = useApiQuery<{ apps: BannerApp[] }>('/api/v1/apps', undefined, { enabled });
  const [dialog, setDialog] = useState<BannerDialogState>(null);
  const [deleting, setDeleting] = useState<Banner | null>(null);

  const remove = useApiMutation<void, Banner>({
    request: (banner) => ({ path: `${BANNERS_PATH}/${banner.id}`, method: 'DELETE' }),
    invalidates: [BANNERS_PATH],
    successMessage: t('deleted'),
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

  const textOf = (banner: Banner) => banner.locales.find((entry) => entry.locale === locale)?.value || banner.text;
  const appName = (id: string) => apps.data?.apps.find((app) => app.id === id)?.name ?? id;
  const view = list.data
    ? applyTableState(list.data.appBanners, table, {
        searchText: (banner) => [banner.text, ...banner.locales.map((entry) => entry.value)],
        sortKeys: { text: textOf, type: (banner) => banner.type, createdAt: (banner) => banner.createdAt },
      })
    : undefined;

  const columns: DataTableColumn<Banner>[] = [
    { id: 'text', header: t('text'), sortable: true, rowHeader: true, cell: (banner) => <span className="font-medium">{textOf(banner)}</span>, className: 'max-w-sm' },
    { id: 'type', header: t('type'), sortable: true, cell: (banner) => <Badge variant={TYPE_BADGES[banner.type]}>{t(`types.${banner.type}`)}</Badge> },
    { id: 'status', header: t('status'), cell: (banner) => (banner.isActive ? <Badge variant="success">{t('activeBadge')}</Badge> : <Badge>{t('inactiveBadge')}</Badge>) },
    {
      id: 'apps',
      header: t('apps'),
      cell: (banner) =>
        banner.appIds.length ? <span>{banner.appIds.map(appName).join(', ')}</span> : <span className="text-muted-foreground">{t('noApps')}</span>,
    },
    {
      id: 'actions',
      header: <span className="sr-only">{tCommon('actions')}</span>,
      className: 'text-end',
      cell: (banner) => (
        <span className="flex justify-end gap-2">
          <Button variant="secondary" size="sm" onClick={() => setDialog({ mode: 'edit', banner })} aria-label={t('editBanner', { text: textOf(banner) })}>
            {tCommon('edit')}
          </Button>
          <Button variant="ghost" size="sm" className="text-danger" onClick={() => setDeleting(banner)} aria-label={t('deleteBanner', { text: textOf(banner) })}>
            {tCommon('delete')}
          </Button>
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
        rowKey={(banner) => banner.id}
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
          <BannerFormDialog state={dialog} onClose={() => setDialog(null)} locales={locales} />
          <ConfirmDialog
            open={!!deleting}
            onOpenChange={(open) => (open ? undefined : setDeleting(null))}
            title={t('deleteTitle')}
            description={deleting ? t('deleteDescription', { text: textOf(deleting) }) : ''}
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
