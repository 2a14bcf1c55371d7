'use client';

import { useEffect, useId, useState, type ReactNode } from 'react';
import { PAGE_SIZES, type TableState } from '@/lib/admin/table-state';
import { cn } from '@/lib/ui/cn';
import { Button } from './Button';
import { ScrollRegion } from './ScrollRegion';
import { ErrorState, Skeleton } from './States';

export interface DataTableColumn<T> {
  id: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** The column can be sorted by (the API or applyTableState must know its id). */
  sortable?: boolean;
  /** The row's header cell (<th scope="row">): its name. One column should have it. */
  rowHeader?: boolean;
  className?: string;
}

export interface DataTableLabels {
  search: string;
  /** e.g. "Page {page} of {pages}" already formatted by the caller: receives page and pages. */
  pageOf: (page: number, pages: number) => string;
  /** e.g. "{total} results". */
  total: (total: number) => string;
  previous: string;
  next: string;
  pageSize: string;
  pagination: string;
  sortAscending: string;
  sortDescending: string;
  loading: string;
  errorTitle: string;
  retry: string;
}

export interface DataTableProps<T> {
  /** The table's accessible name (a visually hidden caption). */
  caption: string;
  columns: readonly DataTableColumn<T>[];
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string;
  /** The URL-driven state (components/admin/use-table-state.ts). */
  state: TableState & { set: (change: Partial<TableState>) => void };
  /** Rows matching the search in all pages; without it there is no pagination. */
  total?: number;
  /** Show a search box (the caller passes state.q to the API or to applyTableState). */
  searchable?: boolean;
  isLoading: boolean;
  /** A refetch is under way with older rows on screen. */
  isFetching?: boolean;
  error?: { message: string } | null;
  onRetry?: () => void;
  /** Shown when there are no rows: tell whether a search filtered everything out. */
  empty: ReactNode;
  labels: DataTableLabels;
  /** Buttons next to the search box (filters). */
  toolbar?: ReactNode;
}

const SEARCH_DELAY_MS = 300;

/**
 * A list with server- or client-side search, sort and pagination, all in the URL. Sorting is a
 * button in the header cell (aria-sort on the cell), the search box updates the URL after a short
 * pause, and a load error shows a Retry. Rows stay on screen while the next page loads.
 */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  state,
  total,
  searchable = false,
  isLoading,
  isFetching = false,
  error,
  onRetry,
  empty,
  labels,
  toolbar,
}: DataTableProps<T>) {
  const searchId = useId();
  const sizeId = useId();
  const [search, setSearch] = useState(state.q);
  const { q, set } = state;

  // The URL can change under the box (back button, a link): follow it (adjusted while rendering).
  const [searchedQ, setSearchedQ] = useState(q);
  if (searchedQ !== q) {
    setSearchedQ(q);
    setSearch(q);
  }
  useEffect(() => {
    if (search.trim() === q) return;
    const timer = setTimeout(() => set({ q: search.trim() }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, q, set]);

  const pages = total === undefined ? 1 : Math.max(1, Math.ceil(total / state.pageSize));
  const sortBy = (id: string) => set({ sort: id, order: state.sort === id && state.order === 'asc' ? 'desc' : 'asc' });

  let body: ReactNode;
  if (error && !rows) {
    body = (
      <tr>
        <td colSpan={columns.length}>
          <ErrorState title={labels.errorTitle} message={error.message} retryLabel={labels.retry} onRetry={() => onRetry?.()} retrying={isFetching} />
        </td>
      </tr>
    );
  } else if (isLoading || !rows) {
    body = Array.from({ length: 5 }, (_, index) => (
      <tr key={index} className="border-t border-border">
        {columns.map((column) => (
          <td key={column.id} className="px-4 py-3">
            <Skeleton className="w-3/4" />
          </td>
        ))}
      </tr>
    ));
  } else if (!rows.length) {
    body = (
      <tr>
        <td colSpan={columns.length}>{empty}</td>
      </tr>
    );
  } else {
    body = rows.map((row) => (
      <tr key={rowKey(row)} className="border-t border-border hover:bg-muted/50" data-testid="data-row">
        {columns.map((column) =>
          column.rowHeader ? (
            <th key={column.id} scope="row" className={cn('px-4 py-3 text-start align-top font-medium', column.className)}>
              {column.cell(row)}
            </th>
          ) : (
            <td key={column.id} className={cn('px-4 py-3 align-top', column.className)}>
              {column.cell(row)}
            </td>
          ),
        )}
      </tr>
    ));
  }

  return (
    <div className="flex flex-col gap-3">
      {searchable || toolbar ? (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-end sm:justify-between">
          {searchable ? (
            <div className="flex w-full flex-col gap-1.5 sm:max-w-xs">
              <label htmlFor={searchId} className="text-sm font-medium text-foreground">
                {labels.search}
              </label>
              <input
                id={searchId}
                type="search"
                value={search}
                onChange={(event) => setSearch(event.target.value)}
                className="h-10 w-full rounded-control border border-input bg-surface px-3 text-base text-surface-foreground shadow-xs focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring/40 sm:text-sm"
              />
            </div>
          ) : null}
          {toolbar ? <div className="flex flex-wrap gap-2">{toolbar}</div> : null}
        </div>
      ) : null}

      <ScrollRegion label={caption} className="rounded-card border border-border bg-surface" aria-busy={isLoading || isFetching || undefined}>
        <table className="w-full text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-muted/60 text-start text-xs font-medium text-muted-foreground uppercase">
            <tr>
              {columns.map((column) => {
                const sorted = state.sort === column.id;
                return (
                  <th
                    key={column.id}
                    scope="col"
                    aria-sort={sorted ? (state.order === 'asc' ? 'ascending' : 'descending') : undefined}
                    className={cn('px-4 py-2.5 text-start font-medium whitespace-nowrap', column.className)}
                  >
                    {column.sortable ? (
                      <button
                        type="button"
                        onClick={() => sortBy(column.id)}
                        className="-mx-1 inline-flex items-center gap-1 rounded-sm px-1 uppercase hover:text-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
                      >
                        {column.header}
                        <span aria-hidden="true">{sorted ? (state.order === 'asc' ? '▲' : '▼') : '↕'}</span>
                        {sorted ? <span className="sr-only">{state.order === 'asc' ? labels.sortAscending : labels.sortDescending}</span> : null}
                      </button>
                    ) : (
                      column.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="text-surface-foreground">{body}</tbody>
        </table>
        {isLoading ? <span className="sr-only" role="status">{labels.loading}</span> : null}
      </ScrollRegion>

      {total !== undefined && rows?.length ? (
        <nav aria-label={labels.pagination} className="flex flex-col gap-3 text-sm sm:flex-row sm:items-center sm:justify-between">
          <p className="text-muted-foreground" aria-live="polite">
            {labels.total(total)} · {labels.pageOf(state.page, pages)}
          </p>
          {/* Two groups, so that a narrow screen wraps between them and keeps Previous beside Next. */}
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
            <div className="flex items-center gap-2">
              <label htmlFor={sizeId} className="text-muted-foreground">
                {labels.pageSize}
              </label>
              <select
                id={sizeId}
                value={state.pageSize}
                onChange={(event) => set({ pageSize: Number(event.target.value) })}
                className="h-8 rounded-control border border-input bg-surface px-2 text-sm text-surface-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
              >
                {PAGE_SIZES.map((size) => (
                  <option key={size} value={size}>
                    {size}
                  </option>
                ))}
              </select>
            </div>
            <div className="flex gap-2">
              <Button variant="secondary" size="sm" disabled={state.page <= 1} onClick={() => set({ page: state.page - 1 })}>
                {labels.previous}
              </Button>
              <Button variant="secondary" size="sm" disabled={state.page >= pages} onClick={() => set({ page: state.page + 1 })}>
                {labels.next}
              </Button>
            </div>
          </div>
        </nav>
      ) : null}
    </div>
  );
}
