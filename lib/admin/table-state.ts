/**
 * State of a dashboard list (search, sort, page) as URL query parameters, so a view can be
 * bookmarked and shared: `?q=acme&sort=name&order=desc&page=2&size=50`. Pure functions; the React
 * hook is components/admin/use-table-state.ts.
 */

export type SortOrder = 'asc' | 'desc';

export interface TableState {
  q: string;
  sort: string | null;
  order: SortOrder;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

export interface TableDefaults {
  sort?: string | null;
  order?: SortOrder;
  pageSize?: number;
}

interface ParamReader {
  get(name: string): string | null;
}

export function readTableState(params: ParamReader, defaults: TableDefaults = {}): TableState {
  const page = Number.parseInt(params.get('page') ?? '', 10);
  const size = Number.parseInt(params.get('size') ?? '', 10);
  const order = params.get('order');
  return {
    q: params.get('q')?.trim() ?? '',
    sort: params.get('sort') || defaults.sort || null,
    order: order === 'asc' || order === 'desc' ? order : (defaults.order ?? 'asc'),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : (defaults.pageSize ?? DEFAULT_PAGE_SIZE),
  };
}

/**
 * Writes `state` with `change` applied into `params` (other parameters are kept). Defaults are left
 * out so the plain URL stays plain; a new search, sort or page size starts again at page 1.
 */
export function writeTableState(params: URLSearchParams, state: TableState, change: Partial<TableState>, defaults: TableDefaults = {}): void {
  const next: TableState = { ...state, ...change };
  if (change.page === undefined && (change.q !== undefined || change.sort !== undefined || change.order !== undefined || change.pageSize !== undefined)) {
    next.page = 1;
  }
  const set = (name: string, value: string | null) => (value === null ? params.delete(name) : params.set(name, value));
  set('q', next.q ? next.q : null);
  set('sort', next.sort && next.sort !== (defaults.sort ?? null) ? next.sort : null);
  set('order', next.order !== (defaults.order ?? 'asc') ? next.order : null);
  set('page', next.page > 1 ? String(next.page) : null);
  set('size', next.pageSize !== (defaults.pageSize ?? DEFAULT_PAGE_SIZE) ? String(next.pageSize) : null);
}

/** Melody's paging parameters for the API from a table state. */
export function pagingQuery(state: TableState): { page_size: number; page_number: number } {
  return { page_size: state.pageSize, page_number: state.page };
}

export interface ClientTableOptions<T> {
  /** Texts a search matches (case-insensitive substring). */
  searchText: (row: T) => readonly (string | null | undefined)[];
  /** Sort keys per sortable column id. */
  sortKeys?: Record<string, (row: T) => string | number | null | undefined>;
}

/**
 * Search, sort and page rows already in the browser, for resources the API lists whole (scopes,
 * roles): the same URL state as server-side tables.
 */
export function applyTableState<T>(rows: readonly T[], state: TableState, options: ClientTableOptions<T>): { rows: T[]; total: number } {
  const needle = state.q.toLocaleLowerCase();
  let result = needle
    ? rows.filter((row) => options.searchText(row).some((text) => text?.toLocaleLowerCase().includes(needle)))
    : [...rows];
  const key = state.sort ? options.sortKeys?.[state.sort] : undefined;
  if (key) {
    const direction = state.order === 'desc' ? -1 : 1;
    result = result.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * direction;
    });
  }
  const start = (state.page - 1) * state.pageSize;
  return { rows: result.slice(start, start + state.pageSize), total: result.length };
}
