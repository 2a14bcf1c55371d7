'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/Badge';
import { Dialog } from '@/components/ui/Dialog';
import { ErrorState, LoadingState } from '@/components/ui/States';
import { useApiQuery } from '../query';
import { webhookPath, type DeliveryAttempt, type WebhookDelivery } from './types';

const VARIANT = { pending: 'warning', succeeded: 'success', failed: 'danger' } as const;

/** One delivery: every attempt (code, latency, error, first 1 KB of the answer) and the payload sent. */
export function DeliveryDialog({ webhookId, delivery, onClose }: { webhookId: string; delivery: WebhookDelivery | null; onClose: () => void }) {
  const t = useTranslations('adminWebhooks');
  const tCommon = useTranslations('admin.common');
  const format = useFormatter();
  const detail = useApiQuery<{ delivery: WebhookDelivery; attempts: DeliveryAttempt[]; payload: unknown }>(
    `${webhookPath(webhookId)}/deliveries/${delivery?.id ?? 'none'}`,
    undefined,
    { enabled: !!delivery, placeholderData: undefined },
  );
  let body = null;
  if (delivery && detail.error) body = <ErrorState title={t('loadFailed')} message={detail.error.message} retryLabel={tCommon('retry')} onRetry={() => detail.refetch()} retrying={detail.isFetching} />;
  else if (delivery && !detail.data) body = <LoadingState label={tCommon('loading')} bars={['h-8', 'h-24']} className="gap-3" />;
  else if (detail.data) {
    const { delivery: current, attempts, payload } = detail.data;
    body = (
      <div className="flex flex-col gap-4">
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <Badge variant={VARIANT[current.status]}>{t(`statuses.${current.status}`)}</Badge>
          <span>
            webhook-id: <code className="font-mono break-all">{current.messageId}</code>
          </span>
          {current.nextAttemptAt ? <span>{t('nextAttempt', { time: format.dateTime(new Date(current.nextAttemptAt), { dateStyle: 'medium', timeStyle: 'medium' }) })}</span> : null}
        </p>
        <ol className="flex flex-col gap-3" aria-label={t('attempts')}>
          {attempts.map((attempt) => (
            <li key={attempt.attempt} className="rounded-md border border-border p-3 text-sm">
              <p className="font-medium">
                {t('attemptLine', { number: attempt.attempt, status: attempt.responseStatus ?? t('noResponse'), latency: attempt.latencyMs })}
              </p>
              <p className="text-muted-foreground">{format.dateTime(new Date(attempt.createdAt), { dateStyle: 'medium', timeStyle: 'medium' })}</p>
              {attempt.error ? <p className="text-danger">{attempt.error}</p> : null}
              {attempt.responseBody ? (
                <details>
                  <summary className="cursor-pointer">{t('responseBody')}</summary>
                  <pre className="mt-2 max-h-40 overflow-auto rounded bg-muted p-2 font-mono text-xs break-all whitespace-pre-wrap">{attempt.responseBody}</pre>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
        <details>
          <summary className="cursor-pointer text-sm font-medium">{t('payload')}</summary>
          <pre className="mt-2 max-h-64 overflow-auto rounded bg-muted p-2 font-mono text-xs whitespace-pre-wrap">{JSON.stringify(payload, null, 2)}</pre>
        </details>
      </div>
    );
  }
  return (
    <Dialog open={!!delivery} onOpenChange={(open) => (open ? undefined : onClose())} title={t('deliveryTitle', { event: delivery?.event ?? '' })} closeLabel={tCommon('close')}>
      {body}
    </Dialog>
  );
}
