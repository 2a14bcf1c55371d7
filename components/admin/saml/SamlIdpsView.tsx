'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import type { DataTableColumn } from '@/components/ui/DataTable';
import { ResourceListView, useResourceList } from '../ResourceListView';
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
  const [dialog, setDialog] = useState<SamlIdpDialogState>(null);
  const resource = useResourceList<'idps', SamlIdp>({
    path: IDPS_PATH,
    listKey: 'idps',
    // The section's own gate: every admin who sees this page holds it.
    writeScope: 'manage_saml',
    tableDefaults: { sort: 'name' },
    enabled,
    searchText: (idp) => [idp.name, idp.userIdAttribute, idp.emailAttribute ?? ''],
    sortKeys: { name: (idp) => idp.name, updatedAt: (idp) => idp.updatedAt },
    deletedMessage: (idp) => t('deleted', { name: idp.name }),
  });

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
          <Button variant="ghost" size="sm" className="text-danger" onClick={() => resource.askDelete(idp)} aria-label={t('deleteIdp', { name: idp.name })}>
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
      emptyHint={t('emptyHint')}
      deleteConfirm={(idp) => ({
        title: t('deleteTitle', { name: idp.name }),
        description: t('deleteDescription'),
        typedConfirmation: { value: idp.name, label: t('typeToConfirm', { name: idp.name }) },
      })}
      disabledNotice={enabled ? undefined : { title: t('disabled'), hint: t('disabledHint') }}
    >
      <SamlIdpFormDialog state={dialog} onClose={() => setDialog(null)} />
    </ResourceListView>
  );
}
