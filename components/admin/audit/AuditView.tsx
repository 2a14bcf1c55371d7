'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useSearchParams } from 'next/navigation';
import { type FormEvent } from 'react';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { DataTable, type DataTableColumn } from '@/components/ui/DataTable';
import { PageHeader } from '@/components/ui/PageHeader';
import { TextField } from '@/components/ui/TextField';
import { SelectField } from '@/components/ui/fields';
import { EmptyState } from '@/components/ui/States';
import { pagingQuery } from '@/lib/admin/table-state';
import { FilterPanel } from '../FilterPanel';
import { useTableLabels } from '../labels';
import { fromLocalInput, toLocalInput } from '../local-time';
import { useApiQuery } from '../query';
import { useTableState } from '../use-table-state';
import { useReplaceSearchParams } from '../use-url-params';
import { AuditEventDialog } from './AuditEventDialog';
import { ACTOR_TYPES, AUDIT_EVENTS_PATH, AUDIT_FILTERS, type AuditEvent, type AuditFilter } from './types';

const EVENT_PARAM = 'event';
const TIME_FILTERS: readonly AuditFilter[] = ['from', 'to'];

/**
 * The audit history: events newest first (the API's order), filtered by actor, action, target and
 * time, every filter and the open event in the URL so a view can be bookmarked or shared. The
 * section is root only (lib/admin/sections.ts), as the API is; the page only reads.
 */
export function AuditView() {
  const t = useTranslations('adminAudit');
  const tCommon = useTranslations('admin.common');
  const format = useFormatter();
  const labels = useTableLabels();
  const searchParams = useSearchParams();
  const table = useTableState();

  const filters = Object.fromEntries(AUDIT_FILTERS.map((name) => [name, searchParams.get(name) || undefined])) as Record<AuditFilter, string | undefined>;
  // A time the URL holds but that is not a date (hand-edited) is left out rather than refused.
  for (const name of TIME_FILTERS) if (filters[name] && !toLocalInput(filters[name] ?? null)) filters[name] = undefined;
  const filtered = AUDIT_FILTERS.some((name) => filters[name]);
  const list = useApiQuery<{ auditEvents: AuditEvent[]; count: number }>(AUDIT_EVENTS_PATH, { ...pagingQuery(table), ...filters });
  const openId = searchParams.get(EVENT_PARAM);

  const replaceParams = useReplaceSearchParams();

  const applyFilters = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    replaceParams((params) => {
      for (const name of AUDIT_FILTERS) {
        const raw = String(data.get(name) ?? '').trim();
        const value = TIME_FILTERS.includes(name) ? fromLocalInput(raw) : raw;
        if (value) params.set(name, value);
        else params.delete(name);
      }
      params.delete('page');
    });
  };

  const clearFilters = () =>
    replaceParams((params) => {
      for (const name of AUDIT_FILTERS) params.delete(name);
      params.delete('page');
    });

  const columns: DataTableColumn<AuditEvent>[] = [
    {
      id: 'action',
      header: t('action'),
      rowHeader: true,
      cell: (event) => <code className="font-mono text-sm">{event.action}</code>,
    },
    {
      id: 'target',
      header: t('target'),
      cell: (event) => (
        <span className="flex flex-col">
          <span>{event.targetType}</span>
          {event.targetId ? <code className="font-mono text-xs break-all text-muted-foreground">{event.targetId}</code> : null}
        </span>
      ),
    },
    {
      id: 'actor',
      header: t('actor'),
      cell: (event) => (
        <span className="flex flex-col items-start gap-1">
          <Badge>{t(`actorTypes.${event.actorType}`)}</Badge>
          {event.actorId ? <code className="font-mono text-xs break-all text-muted-foreground">{event.actorId}</code> : null}
        </span>
      ),
    },
    { id: 'createdAt', header: t('time'), cell: (event) => format.dateTime(new Date(event.createdAt), { dateStyle: 'medium', timeStyle: 'medium' }) },
    {
      id: 'actions',
      header: <span className="sr-only">{tCommon('actions')}</span>,
      className: 'text-end',
      cell: (event) => (
        <Button variant="secondary" size="sm" onClick={() => replaceParams((params) => params.set(EVENT_PARAM, event.id))} aria-label={t('viewEvent', { action: event.action, target: event.targetId ?? event.targetType })}>
          {t('view')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <FilterPanel label={t('filters')} activeCount={AUDIT_FILTERS.filter((name) => filters[name]).length} onSubmit={applyFilters} formKey={searchParams.toString()} className="lg:grid-cols-4">
        <SelectField
          name="actor_type"
          label={t('actorType')}
          defaultValue={filters.actor_type ?? ''}
          options={[{ value: '', label: t('anyActorType') }, ...ACTOR_TYPES.map((type) => ({ value: type, label: t(`actorTypes.${type}`) }))]}
        />
        <TextField name="actor_id" label={t('actorId')} defaultValue={filters.actor_id ?? ''} maxLength={200} />
        <TextField name="action" label={t('action')} hint={t('actionHint')} defaultValue={filters.action ?? ''} maxLength={100} />
        <TextField name="target_type" label={t('targetType')} hint={t('targetTypeHint')} defaultValue={filters.target_type ?? ''} maxLength={50} />
        <TextField name="target_id" label={t('targetId')} defaultValue={filters.target_id ?? ''} maxLength={200} />
        <TextField name="from" type="datetime-local" label={t('from')} defaultValue={toLocalInput(filters.from ?? null)} />
        <TextField name="to" type="datetime-local" label={t('to')} defaultValue={toLocalInput(filters.to ?? null)} />
        <div className="flex items-end gap-2">
          <Button type="submit">{t('apply')}</Button>
          {filtered ? (
            <Button type="button" variant="ghost" onClick={clearFilters}>
              {t('clear')}
            </Button>
          ) : null}
        </div>
      </FilterPanel>
      <DataTable
        caption={t('title')}
        columns={columns}
        rows={list.data?.auditEvents}
        total={list.data?.count}
        rowKey={(event) => event.id}
        state={table}
        isLoading={list.isLoading}
        isFetching={list.isFetching}
        error={list.error}
        onRetry={() => list.refetch()}
        labels={labels}
        empty={filtered ? <EmptyState title={t('noMatch')} /> : <EmptyState title={t('empty')} />}
      />
      <AuditEventDialog id={openId} onClose={() => replaceParams((params) => params.delete(EVENT_PARAM))} />
    </>
  );
}
