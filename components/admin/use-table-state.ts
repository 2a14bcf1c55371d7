'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { readTableState, writeTableState, type TableDefaults, type TableState } from '@/lib/admin/table-state';

export interface UrlTableState extends TableState {
  /** Changes the URL (router.replace: no history entry per keystroke or page). */
  set: (change: Partial<TableState>) => void;
}

/** A list's search, sort and page, read from and written to the URL's query string. */
export function useTableState(defaults: TableDefaults = {}): UrlTableState {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const { sort, order, pageSize } = defaults;
  const state = useMemo(() => readTableState(searchParams, { sort, order, pageSize }), [searchParams, sort, order, pageSize]);
  const set = useCallback(
    (change: Partial<TableState>) => {
      const query = writeTableState(new URLSearchParams(searchParams.toString()), state, change, { sort, order, pageSize });
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [router, pathname, searchParams, state, sort, order, pageSize],
  );
  return { ...state, set };
}
