'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import type { DataTableColumn } from '@/components/ui/DataTable';
import { ResourceListView, useResourceList } from '../ResourceListView';
import { CreateOrgDialog } from './CreateOrgDialog';
import { ORGS_PATH, type Org } from './types';

const linkClass = 'font-medium underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring';

/**
 * The orgs list. The API returns every org at once, so search, sort and paging run here with the
 * URL state of server-paged lists. The name opens the org (settings, branding, members, groups).
 */
export function OrgsView() {
  const t = useTranslations('adminOrgs');
  const tCommon = useTranslations('admin.common');
  const [creating, setCreating] = useState(false);
  const resource = useResourceList<'orgs', Org>({
    path: ORGS_PATH,
    listKey: 'orgs',
    writeScope: 'write_org',
    tableDefaults: { sort: 'name' },
    searchText: (org) => [org.name, org.slug],
    sortKeys: { name: (org) => org.name, slug: (org) => org.slug, updatedAt: (org) => org.updatedAt },
    deletedMessage: (org) => t('deleted', { name: org.name }),
  });

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
        <Button variant="ghost" size="sm" className="text-danger" onClick={() => resource.askDelete(org)} aria-label={t('deleteOrg', { name: org.name })}>
          {tCommon('delete')}
        </Button>
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
      onCreate={() => setCreating(true)}
      emptyTitle={t('empty')}
      deleteConfirm={(org) => ({
        title: t('deleteTitle', { name: org.name }),
        description: t('deleteDescription'),
        typedConfirmation: { value: org.slug, label: t('typeToConfirm', { name: org.slug }) },
      })}
    >
      <CreateOrgDialog open={creating} onClose={() => setCreating(false)} />
    </ResourceListView>
  );
}
