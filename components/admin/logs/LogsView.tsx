'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useSearchParams } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { DataTable, type DataTableColumn } from '@/components/ui/DataTable';
import { Dialog, DialogActions, DialogClose } from '@/components/ui/Dialog';
import { PageHeader } from '@/components/ui/PageHeader';
import { EmptyState } from '@/components/ui/States';
import { Tabs } from '@/components/ui/Tabs';
import { TextField } from '@/components/ui/TextField';
import { pagingQuery } from '@/lib/admin/table-state';
import { useTableLabels } from '../labels';
import { useApiMutation, useApiQuery } from '../query';
import { useTableState } from '../use-table-state';
import { useUrlChoice } from '../use-url-params';
import { LogFilters, logFilterQuery } from './LogFilters';
import { LOG_TYPES, type AnyLog, type LogType, type SignInLog } from './types';

const logsPath = (type: LogType) => `/api/v1/logs/${type}`;

/**
 * Email, SMS and sign-in logs as tabs (the tab in the URL), newest first, filtered and paged by the
 * API. A row opens its full record; "Delete older than" removes a type's rows created before a
 * date. The whole section is root only, so there is no read-only variant.
 */
export function LogsView({ enabled }: { enabled: Record<LogType, boolean> }) {
  const t = useTranslations('adminLogs');
  // A new tab starts afresh: page numbers and filters belong to the previous list.
  const [tab, selectTab] = useUrlChoice<LogType>('tab', LOG_TYPES, { fresh: true });

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Tabs
        label={t('tabsLabel')}
        value={tab}
        onValueChange={selectTab}
        items={LOG_TYPES.map((type) => ({
          id: type,
          label: t(`tabs.${type}`),
          content: type === tab ? enabled[type] ? <LogList type={type} /> : <EmptyState title={t('disabled')}>{t(`disabledHint.${type}`)}</EmptyState> : null,
        }))}
      />
    </>
  );
}

function LogList({ type }: { type: LogType }) {
  const t = useTranslations('adminLogs');
  const tCommon = useTranslations('admin.common');
  const format = useFormatter();
  const labels = useTableLabels();
  const table = useTableState();
  const filters = logFilterQuery(type, useSearchParams());
  const list = useApiQuery<{ logs: AnyLog[]; count: number }>(logsPath(type), { ...pagingQuery(table), ...filters.query });
  const [open, setOpen] = useState<AnyLog | null>(null);
  const [deleting, setDeleting] = useState(false);

  const when = (log: AnyLog) => format.dateTime(new Date(log.createdAt), { dateStyle: 'medium', timeStyle: 'medium' });
  const status = (log: AnyLog) => (log.success ? <Badge variant="success">{t('success')}</Badge> : <Badge variant="danger">{t('failure')}</Badge>);
  const target = (log: AnyLog) => ('receiver' in log ? log.receiver : (log.email ?? t('unknownAccount')));
  const summary = (log: AnyLog) => ('subject' in log ? log.subject : 'method' in log ? `${log.method}${log.reason ? ` · ${log.reason}` : ''}` : log.content);

  const columns: DataTableColumn<AnyLog>[] = [
    { id: 'createdAt', header: t('createdAt'), rowHeader: true, cell: when },
    { id: 'target', header: type === 'sign-in' ? t('account') : t('receiver'), cell: target },
    { id: 'summary', header: t(`summary.${type}`), cell: (log) => <span className="line-clamp-2 break-all">{summary(log)}</span> },
    { id: 'status', header: t('status'), cell: status },
    {
      id: 'actions',
      header: <span className="sr-only">{tCommon('actions')}</span>,
      className: 'text-end',
      cell: (log) => (
        <Button variant="secondary" size="sm" onClick={() => setOpen(log)} aria-label={t('viewLog', { when: when(log) })}>
          {t('view')}
        </Button>
      ),
    },
  ];

  return (
    <div className="mt-4">
      <LogFilters type={type} />
      <DataTable
        caption={t(`tabs.${type}`)}
        columns={columns}
        rows={list.data?.logs}
        total={list.data?.count}
        rowKey={(log) => log.id}
        state={table}
        isLoading={list.isLoading}
        isFetching={list.isFetching}
        error={list.error}
        onRetry={() => list.refetch()}
        labels={labels}
        empty={<EmptyState title={filters.active ? t('noMatch') : t('empty')} />}
        toolbar={
          <Button variant="secondary" onClick={() => setDeleting(true)}>
            {t('deleteOlder')}
          </Button>
        }
      />
      <Dialog open={!!open} onOpenChange={(next) => (next ? undefined : setOpen(null))} title={t(`detailTitle.${type}`)} closeLabel={tCommon('close')}>
        {open ? <LogDetail log={open} when={when(open)} status={status(open)} /> : null}
      </Dialog>
      <DeleteOlderDialog type={type} open={deleting} onClose={() => setDeleting(false)} />
    </div>
  );
}

function LogDetail({ log, when, status }: { log: AnyLog; when: string; status: ReactNode }) {
  const t = useTranslations('adminLogs');
  const rows: [string, ReactNode][] = [
    [t('createdAt'), when],
    [t('status'), status],
  ];
  if ('receiver' in log) {
    rows.push([t('receiver'), log.receiver]);
    if ('subject' in log) rows.push([t('subject'), log.subject]);
    rows.push([t('content'), <pre key="content" className="font-mono text-xs break-all whitespace-pre-wrap">{log.content}</pre>]);
    rows.push([t('response'), <pre key="response" className="font-mono text-xs break-all whitespace-pre-wrap">{log.response}</pre>]);
  } else {
    const signIn: SignInLog = log;
    rows.push(
      [t('account'), signIn.email ?? t('unknownAccount')],
      [t('userId'), signIn.userId ?? '—'],
      [t('appId'), signIn.appId ?? '—'],
      [t('method'), signIn.method],
      [t('reason'), signIn.reason || '—'],
      [t('ip'), signIn.ip || '—'],
      [t('userAgent'), signIn.userAgent],
      [t('detail'), <pre key="detail" className="font-mono text-xs break-all whitespace-pre-wrap">{signIn.detail}</pre>],
    );
  }
  return (
    <dl className="grid gap-3 text-sm" data-testid="log-detail">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt className="font-medium text-muted-foreground">{term}</dt>
          <dd className="mt-0.5 break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function DeleteOlderDialog({ type, open, onClose }: { type: LogType; open: boolean; onClose: () => void }) {
  const t = useTranslations('adminLogs');
  const tCommon = useTranslations('admin.common');
  const [date, setDate] = useState('');
  const remove = useApiMutation<void, string>({
    // The API takes an instant; a day picked here means its start in UTC, as the hint says.
    request: (day) => ({ path: logsPath(type), method: 'DELETE', query: { before: `${day}T00:00:00Z` } }),
    invalidates: [logsPath(type)],
    successMessage: (_, day) => t('deletedOlder', { date: day }),
    onSuccess: () => close(),
  });
  const close = () => {
    setDate('');
    onClose();
  };
  return (
    <Dialog open={open} onOpenChange={(next) => (next ? undefined : close())} title={t(`deleteTitle.${type}`)} description={t('deleteDescription')} closeLabel={tCommon('close')} role="alertdialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (date && !remove.isPending) remove.mutate(date);
        }}
      >
        <TextField type="date" label={t('before')} hint={t('beforeHint')} required value={date} onChange={(event) => setDate(event.target.value)} />
        <DialogActions>
          <DialogClose asChild>
            <Button variant="secondary">{tCommon('cancel')}</Button>
          </DialogClose>
          <Button type="submit" variant="danger" disabled={!date} loading={remove.isPending}>
            {tCommon('delete')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
