'use client';

import Link from 'next/link';
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
import { CreateOrgDialog } from './CreateOrgDialog';
import { orgPath, ORGS_PATH, type Org } from './types';

const linkClass = 'font-medium underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring';

/**
 * The orgs list. The API returns every org at once, so search, sort and paging run here with the
 * URL state of server-paged lists. The name opens the org (settings, branding, members, groups).
 */
export function OrgsView() {
  const t = useTranslations('adminOrgs');
  const tCommon = useTranslations('admin.common');
  const tTable = useTranslations('admin.table');
  const labels = useTableLabels();
  const canWrite = useCan('write_org');
  const table = useTableState({ sort: 'name' });
  const list = useApiQuery<{ orgs: Org[] }>(ORGS_PATH);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Org | null>(null);

  const remove = useApiMutation<void, Org>({
    request: (org) => ({ path: orgPath(org.id), method: 'DELETE' }),
    invalidates: [ORGS_PATH],
    successMessage: (_, org) => t('deleted', { name: org.name }),
    onSuccess: () => setDeleting(null),
  });

  const view = list.data
    ? applyTableState(list.data.orgs, table, {
        searchText: (org) => [org.name, org.slug],
        sortKeys: { name: (org) => org.name, slug: (org) => org.slug, updatedAt: (org) => org.updatedAt },
      })
    : undefined;

  const columns: DataTableColumn<Org>[] = [
    {
      id: 'name',
      header: t('name'),
      sortable: true,
      rowHeader: true,
      cell: (org) => (
        <Link href={`/admin/orgs/${org.id}`} className={linkClass} aria-label={t('open', { name: org.name })}>
          {org.name}
        </Link>
      ),
    },
    { id: 'slug', header: t('slug'), sortable: true, cell: (org) => <code className="font-mono text-sm">{org.slug}</code> },
    {
      id: 'flags',
      header: t('flags'),
      cell: (org) => (
        <span className="flex flex-wrap gap-1">
          {org.allowPublicRegistration ? <Badge variant="success">{t('public')}</Badge> : null}
          {org.onlyUseForBrandingOverride ? <Badge variant="brand">{t('brandingOnly')}</Badge> : null}
        </span>
      ),
    },
    {
      id: 'actions',
      header: <span className="sr-only">{tCommon('actions')}</span>,
      className: 'text-end',
      cell: (org) => (
        <Button variant="ghost" size="sm" className="text-danger" onClick={() => setDeleting(org)} aria-label={t('deleteOrg', { name: org.name })}>
          {tCommon('delete')}
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
        rowKey={(org) => org.id}
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
          <CreateOrgDialog open={creating} onClose={() => setCreating(false)} />
          <ConfirmDialog
            open={!!deleting}
            onOpenChange={(open) => (open ? undefined : setDeleting(null))}
            title={t('deleteTitle', { name: deleting?.name ?? '' })}
            description={t('deleteDescription')}
            typedConfirmation={deleting ? { value: deleting.slug, label: t('typeToConfirm', { name: deleting.slug }) } : undefined}
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
