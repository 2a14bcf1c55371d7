'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/Badge';
import { Button, buttonClasses } from '@/components/ui/Button';
import type { DataTableColumn } from '@/components/ui/DataTable';
import { ResourceListView, useResourceList } from '../ResourceListView';
import { WebhookFormDialog } from './WebhookFormDialog';
import { WebhookSecretDialog, type ShownWebhookSecret } from './SecretDialog';
import { WEBHOOKS_PATH, type WebhookEndpoint } from './types';

/** Webhook endpoints (root): the list (whole from the API), add (secret shown once), open, delete. */
export function WebhooksView() {
  const t = useTranslations('adminWebhooks');
  const tCommon = useTranslations('admin.common');
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<ShownWebhookSecret | null>(null);
  const resource = useResourceList<'webhooks', WebhookEndpoint>({
    path: WEBHOOKS_PATH,
    listKey: 'webhooks',
    writeScope: 'root',
    tableDefaults: { sort: 'name' },
    searchText: (webhook) => [webhook.name, webhook.url, ...webhook.events],
    sortKeys: { name: (webhook) => webhook.name || webhook.url, createdAt: (webhook) => webhook.createdAt },
    deletedMessage: (webhook) => t('deleted', { name: webhook.name || webhook.url }),
  });
  const label = (webhook: WebhookEndpoint) => webhook.name || webhook.url;

  const columns: DataTableColumn<WebhookEndpoint>[] = [
    {
      id: 'name',
      header: t('name'),
      sortable: true,
      rowHeader: true,
      cell: (webhook) => (
        <span className="flex flex-col">
          <span className="font-medium">{label(webhook)}</span>
          <code className="font-mono text-xs break-all text-muted-foreground">{webhook.url}</code>
        </span>
      ),
    },
    { id: 'events', header: t('events'), cell: (webhook) => (webhook.events.length ? webhook.events.join(', ') : <Badge>{t('allEvents')}</Badge>), className: 'max-w-sm text-sm' },
    {
      id: 'status',
      header: t('status'),
      cell: (webhook) => (webhook.isActive ? <Badge variant="success">{t('active')}</Badge> : <Badge variant="danger">{t('inactive')}</Badge>),
    },
    { id: 'failures', header: t('failures'), cell: (webhook) => webhook.consecutiveFailures },
    {
      id: 'actions',
      header: <span className="sr-only">{tCommon('actions')}</span>,
      className: 'text-end',
      cell: (webhook) => (
        <span className="flex justify-end gap-2 whitespace-nowrap">
          <Link href={`/admin/webhooks/${webhook.id}`} className={buttonClasses({ variant: 'secondary', size: 'sm' })} aria-label={t('openEndpoint', { name: label(webhook) })}>
            {t('open')}
          </Link>
          <Button variant="ghost" size="sm" className="text-danger" onClick={() => resource.askDelete(webhook)} aria-label={t('deleteEndpoint', { name: label(webhook) })}>
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
      onCreate={() => setCreating(true)}
      emptyTitle={t('empty')}
      emptyHint={t('emptyHint')}
      deleteConfirm={(webhook) => ({
        title: t('deleteTitle', { name: label(webhook) }),
        description: t('deleteDescription'),
        typedConfirmation: { value: label(webhook), label: t('typeToConfirm', { name: label(webhook) }) },
      })}
    >
      <WebhookFormDialog open={creating} onClose={() => setCreating(false)} onCreated={setSecret} />
      <WebhookSecretDialog shown={secret} onClose={() => setSecret(null)} />
    </ResourceListView>
  );
}
