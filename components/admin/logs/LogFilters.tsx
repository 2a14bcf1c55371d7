'use client';

import { useTranslations } from 'next-intl';
import { useSearchParams } from 'next/navigation';
import type { FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { SelectField } from '@/components/ui/fields';
import { SIGN_IN_LOG_METHODS } from '@/lib/logs/methods';
import { FilterPanel } from '../FilterPanel';
import { fromLocalInput, toLocalInput } from '../local-time';
import { useReplaceSearchParams } from '../use-url-params';
import type { LogType } from './types';

// A log type's filters, in the URL (bookmarkable, cleared with the tab) and sent to the API:
// the text filter (receiver or account), the method of a sign-in, the outcome and a time window.

type FilterName = 'receiver' | 'email' | 'method' | 'status' | 'from' | 'to';

const FILTERS: Record<LogType, readonly FilterName[]> = {
  email: ['receiver', 'status', 'from', 'to'],
  sms: ['receiver', 'status', 'from', 'to'],
  'sign-in': ['email', 'method', 'status', 'from', 'to'],
};
const STATUSES = ['success', 'failure'] as const;

interface ParamReader {
  get(name: string): string | null;
}

/** The URL's filters for `type`, as the list API's query; values the API would refuse are left out. */
export function logFilterQuery(type: LogType, params: ParamReader): { query: Record<string, string>; active: boolean } {
  const query: Record<string, string> = {};
  for (const name of FILTERS[type]) {
    const value = params.get(name)?.trim();
    if (!value) continue;
    if (name === 'status') {
      if ((STATUSES as readonly string[]).includes(value)) query.success = String(value === 'success');
    } else if (name === 'method') {
      if ((SIGN_IN_LOG_METHODS as readonly string[]).includes(value)) query.method = value;
    } else if (name === 'from' || name === 'to') {
      if (toLocalInput(value)) query[name] = value;
    } else {
      query[name] = value.slice(0, 200);
    }
  }
  return { query, active: Object.keys(query).length > 0 };
}

export function LogFilters({ type }: { type: LogType }) {
  const t = useTranslations('adminLogs');
  const searchParams = useSearchParams();
  const replace = useReplaceSearchParams();
  const names = FILTERS[type];
  const { query, active } = logFilterQuery(type, searchParams);

  const replaceParams = (change: (params: URLSearchParams) => void) =>
    replace((params) => {
      change(params);
      // A new filter starts at the first page.
      params.delete('page');
    });

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    replaceParams((params) => {
      for (const name of names) {
        const raw = String(data.get(name) ?? '').trim();
        const value = name === 'from' || name === 'to' ? fromLocalInput(raw) : raw;
        if (value) params.set(name, value);
        else params.delete(name);
      }
    });
  };

  const clear = () => replaceParams((params) => names.forEach((name) => params.delete(name)));
  const value = (name: FilterName) => searchParams.get(name) ?? '';

  return (
    <FilterPanel label={t('filters')} activeCount={Object.keys(query).length} onSubmit={apply} formKey={searchParams.toString()} className="lg:grid-cols-3">
      {names.includes('receiver') ? <TextField name="receiver" label={t('receiverFilter')} defaultValue={value('receiver')} maxLength={200} /> : null}
      {names.includes('email') ? <TextField name="email" label={t('accountFilter')} defaultValue={value('email')} maxLength={200} /> : null}
      {names.includes('method') ? (
        <SelectField
          name="method"
          label={t('method')}
          defaultValue={value('method')}
          options={[{ value: '', label: t('anyMethod') }, ...SIGN_IN_LOG_METHODS.map((method) => ({ value: method, label: method }))]}
        />
      ) : null}
      <SelectField
        name="status"
        label={t('status')}
        defaultValue={value('status')}
        options={[{ value: '', label: t('anyStatus') }, ...STATUSES.map((status) => ({ value: status, label: t(status) }))]}
      />
      <TextField name="from" type="datetime-local" label={t('from')} defaultValue={toLocalInput(value('from'))} />
      <TextField name="to" type="datetime-local" label={t('to')} defaultValue={toLocalInput(value('to'))} />
      <div className="flex items-end gap-2">
        <Button type="submit">{t('apply')}</Button>
        {active ? (
          <Button type="button" variant="ghost" onClick={clear}>
            {t('clear')}
          </Button>
        ) : null}
      </div>
    </FilterPanel>
  );
}
