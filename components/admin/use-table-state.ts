'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { readTableState, writeTableState, type TableDefaults, type TableState } from '@/lib/admin/table-state';
import { useReplaceSearchParams } from './use-url-params';

export interface UrlTableState extends TableState {
  /** Changes the URL (router.replace: no history entry per keystroke or page). */
  set: (change: Partial<TableState>) => void;
}

/** A list's search, sort and page, read from and written to the URL's query string. */
export function useTableState(defaults: TableDefaults = {}): UrlTableState {
  const searchParams = useSearchParams();
  const replace = useReplaceSearchParams();
  const { sort, order, pageSize } = defaults;
  const state = useMemo(() => readTableState(searchParams, { sort, order, pageSize }), [searchParams, sort, order, pageSize]);
  const set = useCallback((change: Partial<TableState>) => replace((params) => writeTableState(params, state, change, { sort, order, pageSize })), [replace, state, sort, order, pageSize]);
  return { ...state, set };
}
