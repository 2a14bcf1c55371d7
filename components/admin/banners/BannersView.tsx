'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge, type BadgeVariant } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import type { DataTableColumn } from '@/components/ui/DataTable';
import { useApiQuery } from '../query';
import { ResourceListView, useResourceList } from '../ResourceListView';
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
  const locale = useLocale();
  const apps = useApiQuery<{ apps: BannerApp[] }>('/api/v1/apps', undefined, { enabled });
  const [dialog, setDialog] = useState<BannerDialogState>(null);
  const textOf = (banner: Banner) => banner.locales.find((entry) => entry.locale === locale)?.value || banner.text;
  const appName = (id: string) => apps.data?.apps.find((app) => app.id === id)?.name ?? id;
  const resource = useResourceList<'appBanners', Banner>({
    path: BANNERS_PATH,
    listKey: 'appBanners',
    writeScope: 'write_app',
    tableDefaults: { sort: 'createdAt', order: 'desc' },
    enabled,
    searchText: (banner) => [banner.text, ...banner.locales.map((entry) => entry.value)],
    sortKeys: { text: textOf, type: (banner) => banner.type, createdAt: (banner) => banner.createdAt },
    deletedMessage: () => t('deleted'),
  });

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
          <Button variant="ghost" size="sm" className="text-danger" onClick={() => resource.askDelete(banner)} aria-label={t('deleteBanner', { text: textOf(banner) })}>
            {tCommon('delete')}
          </Button>
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
      deleteConfirm={(banner) => ({ title: t('deleteTitle'), description: t('deleteDescription', { text: textOf(banner) }) })}
      disabledNotice={enabled ? undefined : { title: t('disabled'), hint: t('disabledHint') }}
    >
      <BannerFormDialog state={dialog} onClose={() => setDialog(null)} locales={locales} />
    </ResourceListView>
  );
}
