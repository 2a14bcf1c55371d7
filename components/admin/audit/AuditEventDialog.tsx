'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/Badge';
import { Dialog } from '@/components/ui/Dialog';
import { ErrorState, LoadingState } from '@/components/ui/States';
import { diffAuditStates } from '@/lib/audit/diff';
import { cn } from '@/lib/ui/cn';
import { useApiQuery } from '../query';
import { AUDIT_EVENTS_PATH, type AuditEvent } from './types';

function JsonValue({ value, label }: { value: unknown; label: string }) {
  if (value === undefined) return <span className="text-muted-foreground italic">{label}</span>;
  return <pre className="font-mono text-xs break-all whitespace-pre-wrap">{JSON.stringify(value, null, 2)}</pre>;
}

/** One audit event: who did what to which object, and its state before and after side by side. */
export function AuditEventDialog({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useTranslations('adminAudit');
  const tCommon = useTranslations('admin.common');
  const format = useFormatter();
  const query = useApiQuery<{ auditEvent: AuditEvent }>(`${AUDIT_EVENTS_PATH}/${id ?? ''}`, {}, { enabled: !!id });
  const event = query.data?.auditEvent;
  const rows = event ? diffAuditStates(event.before, event.after) : [];
  const changed = rows.filter((row) => row.changed).length;

  let body;
  if (query.error) {
    body = <ErrorState title={t('detailError')} message={query.error.message} retryLabel={tCommon('retry')} onRetry={() => query.refetch()} retrying={query.isFetching} />;
  } else if (!event) {
    body = <LoadingState label={tCommon('loading')} bars={['h-5 w-1/2', 'h-32 w-full']} />;
  } else {
    body = (
      <div className="flex flex-col gap-4">
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">{t('time')}</dt>
          <dd>{format.dateTime(new Date(event.createdAt), { dateStyle: 'medium', timeStyle: 'medium' })}</dd>
          <dt className="font-medium">{t('actor')}</dt>
          <dd>
            {t(`actorTypes.${event.actorType}`)} <code className="font-mono break-all">{event.actorId ?? '—'}</code>
          </dd>
          <dt className="font-medium">{t('target')}</dt>
          <dd>
            {event.targetType} <code className="font-mono break-all">{event.targetId ?? '—'}</code>
          </dd>
          <dt className="font-medium">{t('ip')}</dt>
          <dd>
            <code className="font-mono">{event.ip || '—'}</code>
          </dd>
        </dl>
        <p className="text-sm" data-testid="audit-changed-count">
          {t('changedCount', { count: changed })}
        </p>
        {rows.length ? (
          <div className="rounded-card border border-border">
            <table className="w-full table-fixed text-sm">
              <caption className="sr-only">{t('comparison')}</caption>
              <thead className="bg-muted/60 text-start text-xs font-medium text-muted-foreground uppercase">
                <tr>
                  <th scope="col" className="w-1/4 px-3 py-2 text-start">{t('field')}</th>
                  <th scope="col" className="px-3 py-2 text-start">{t('before')}</th>
                  <th scope="col" className="px-3 py-2 text-start">{t('after')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key ?? ''} data-testid="audit-diff-row" data-changed={row.changed} className={cn('border-t border-border align-top', row.changed && 'bg-warning-bg text-warning-fg')}>
                    <th scope="row" className="px-3 py-2 text-start font-medium">
                      <span className="flex flex-wrap items-center gap-1">
                        <code className="font-mono break-all">{row.key ?? t('wholeValue')}</code>
                        {row.changed ? <Badge variant="warning">{t('changed')}</Badge> : null}
                      </span>
                    </th>
                    <td className="px-3 py-2">
                      <JsonValue value={row.before} label={t('absent')} />
                    </td>
                    <td className="px-3 py-2">
                      <JsonValue value={row.after} label={t('absent')} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="text-sm text-muted-foreground">{t('noState')}</p>
        )}
      </div>
    );
  }

  return (
    <Dialog open={!!id} onOpenChange={(open) => (open ? undefined : onClose())} title={event ? t('detailTitle', { action: event.action }) : t('detailTitleLoading')} closeLabel={tCommon('close')} className="max-w-4xl">
      {body}
    </Dialog>
  );
}
