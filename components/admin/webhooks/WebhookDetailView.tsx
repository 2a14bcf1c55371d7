'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Badge, type BadgeVariant } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { DataTable, type DataTableColumn } from '@/components/ui/DataTable';
import { PageHeader } from '@/components/ui/PageHeader';
import { EmptyState } from '@/components/ui/States';
import { pagingQuery } from '@/lib/admin/table-state';
import { BackToList, DetailQueryState } from '../DetailQueryState';
import { useApiMutation, useApiQuery } from '../query';
import { useTableLabels } from '../labels';
import { useTableState } from '../use-table-state';
import { DeliveryDialog } from './DeliveryDialog';
import { WebhookSecretDialog, type ShownWebhookSecret } from './SecretDialog';
import { webhookPath, WEBHOOKS_PATH, type WebhookDelivery, type WebhookEndpoint } from './types';

export const STATUS_VARIANT: Record<WebhookDelivery['status'], BadgeVariant> = { pending: 'warning', succeeded: 'success', failed: 'danger' };

/** One endpoint: send a test event, rotate its secret (old one valid 24 h), enable/disable, and its deliveries (paged in the URL) with redeliver. */
export function WebhookDetailView({ id }: { id: string }) {
  const t = useTranslations('adminWebhooks');
  const tCommon = useTranslations('admin.common');
  const format = useFormatter();
  const time = (iso: string) => (iso ? format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'medium' }) : '—');
  const query = useApiQuery<{ webhook: WebhookEndpoint }>(webhookPath(id), undefined, { placeholderData: undefined });
  const table = useTableState({ pageSize: 20 });
  const tableLabels = useTableLabels();
  const deliveries = useApiQuery<{ deliveries: WebhookDelivery[]; count: number }>(`${webhookPath(id)}/deliveries`, pagingQuery(table));
  const [rotating, setRotating] = useState(false);
  const [secret, setSecret] = useState<ShownWebhookSecret | null>(null);
  const [viewing, setViewing] = useState<WebhookDelivery | null>(null);
  const invalidates = [WEBHOOKS_PATH];

  const test = useApiMutation<{ delivery: WebhookDelivery }, void>({
    request: () => ({ path: `${webhookPath(id)}/test`, method: 'POST' }),
    invalidates,
    successMessage: (data) =>
      data.delivery.status === 'succeeded'
        ? t('testDelivered', { status: data.delivery.lastResponseStatus ?? 0 })
        : t('testFailed', { reason: data.delivery.lastError ?? `HTTP ${data.delivery.lastResponseStatus ?? '—'}` }),
  });
  const rotate = useApiMutation<{ webhook: WebhookEndpoint; secret: string }, void>({
    request: () => ({ path: `${webhookPath(id)}/secret`, method: 'POST' }),
    invalidates,
    successMessage: (data) => t('rotated', { until: time(data.webhook.previousSecretExpiresAt ?? '') }),
    onSuccess: (data) => {
      setRotating(false);
      setSecret({ name: data.webhook.name || data.webhook.url, secret: data.secret });
    },
  });
  const toggle = useApiMutation<{ webhook: WebhookEndpoint }, boolean>({
    request: (isActive) => ({ path: webhookPath(id), method: 'PUT', body: { isActive } }),
    invalidates,
    successMessage: (data) => (data.webhook.isActive ? t('enabled') : t('disabledMessage')),
  });
  const redeliver = useApiMutation<{ delivery: WebhookDelivery }, WebhookDelivery>({
    request: (delivery) => ({ path: `${webhookPath(id)}/deliveries/${delivery.id}/redeliver`, method: 'POST' }),
    invalidates,
    successMessage: (data) => t('redelivered', { status: data.delivery.status === 'succeeded' ? String(data.delivery.lastResponseStatus) : t(`statuses.${data.delivery.status}`) }),
  });

  const list = { href: '/admin/webhooks', label: t('back') };
  const webhook = query.data?.webhook;
  if (query.error || !webhook) return <DetailQueryState query={query} list={list} notFoundTitle={t('notFound')} errorTitle={t('loadFailed')} />;
  const name = webhook.name || webhook.url;

  const columns: DataTableColumn<WebhookDelivery>[] = [
    {
      id: 'event',
      header: t('event'),
      rowHeader: true,
      cell: (delivery) => (
        <span className="flex flex-wrap items-center gap-2">
          <code className="font-mono text-sm">{delivery.event}</code>
          {delivery.isTest ? <Badge variant="brand">{t('test')}</Badge> : null}
          {delivery.redelivery ? <Badge>{t('redelivery')}</Badge> : null}
        </span>
      ),
    },
    { id: 'status', header: t('status'), cell: (delivery) => <Badge variant={STATUS_VARIANT[delivery.status]}>{t(`statuses.${delivery.status}`)}</Badge> },
    { id: 'attempts', header: t('attempts'), cell: (delivery) => delivery.attempts },
    { id: 'response', header: t('response'), cell: (delivery) => delivery.lastResponseStatus ?? (delivery.lastError ? t('noResponse') : '—') },
    { id: 'latency', header: t('latency'), cell: (delivery) => (delivery.lastLatencyMs === null ? '—' : format.number(delivery.lastLatencyMs, { style: 'unit', unit: 'millisecond' })) },
    { id: 'createdAt', header: t('time'), cell: (delivery) => time(delivery.createdAt) },
    {
      id: 'actions',
      header: <span className="sr-only">{tCommon('actions')}</span>,
      className: 'text-end',
      cell: (delivery) => (
        <span className="flex justify-end gap-2 whitespace-nowrap">
          <Button variant="secondary" size="sm" onClick={() => setViewing(delivery)} aria-label={t('viewDelivery', { event: delivery.event })}>
            {t('view')}
          </Button>
          {delivery.isTest ? null : (
            <Button variant="ghost" size="sm" onClick={() => redeliver.mutate(delivery)} loading={redeliver.isPending && redeliver.variables?.id === delivery.id} aria-label={t('redeliverDelivery', { event: delivery.event })}>
              {t('redeliver')}
            </Button>
          )}
        </span>
      ),
    },
  ];

  return (
    <>
      <BackToList list={list} />
      <PageHeader
        title={name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <code className="font-mono text-sm break-all">{webhook.url}</code>
            {webhook.isActive ? <Badge variant="success">{t('active')}</Badge> : <Badge variant="danger">{t('inactive')}</Badge>}
          </span>
        }
        actions={
          <span className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => test.mutate()} loading={test.isPending} loadingLabel={tCommon('loading')}>
              {t('sendTest')}
            </Button>
            <Button variant="secondary" onClick={() => setRotating(true)}>
              {t('rotate')}
            </Button>
            <Button variant="secondary" onClick={() => toggle.mutate(!webhook.isActive)} loading={toggle.isPending}>
              {webhook.isActive ? t('disable') : t('enable')}
            </Button>
          </span>
        }
      />
      <div className="mb-6 flex flex-col gap-3">
        <p className="text-sm">
          <span className="font-medium">{t('events')}:</span> {webhook.events.length ? webhook.events.join(', ') : t('allEvents')}
        </p>
        {webhook.disabledAt ? (
          <Alert variant="error" title={t('disabledAfterFailures', { count: webhook.consecutiveFailures })}>
            {t('disabledHint')}
          </Alert>
        ) : null}
        {webhook.previousSecretExpiresAt ? (
          <Alert variant="info" role="note" title={t('previousSecret', { until: time(webhook.previousSecretExpiresAt) })}>
            {t('previousSecretHint')}
          </Alert>
        ) : null}
      </div>
      <h2 className="mb-2 text-lg font-semibold">{t('deliveries')}</h2>
      <DataTable
        caption={t('deliveries')}
        columns={columns}
        rows={deliveries.data?.deliveries}
        rowKey={(delivery) => delivery.id}
        state={table}
        total={deliveries.data?.count}
        isLoading={deliveries.isLoading}
        isFetching={deliveries.isFetching}
        error={deliveries.error}
        onRetry={() => deliveries.refetch()}
        empty={<EmptyState title={t('deliveriesEmpty')} />}
        labels={tableLabels}
      />
      <ConfirmDialog
        open={rotating}
        onOpenChange={setRotating}
        title={t('rotateTitle', { name })}
        description={t('rotateDescription')}
        confirmLabel={t('rotate')}
        cancelLabel={tCommon('cancel')}
        closeLabel={tCommon('close')}
        pending={rotate.isPending}
        onConfirm={() => rotate.mutate()}
      />
      <WebhookSecretDialog shown={secret} onClose={() => setSecret(null)} />
      <DeliveryDialog webhookId={id} delivery={viewing} onClose={() => setViewing(null)} />
    </>
  );
}
