import { describe, expect, it } from 'vitest';
import { applyTableState, pagingQuery, readTableState, writeTableState, type TableState } from './table-state';

const read = (search: string, defaults = {}) => readTableState(new URLSearchParams(search), defaults);
const written = (current: URLSearchParams, state: TableState, change: Partial<TableState>) => {
  const params = new URLSearchParams(current);
  writeTableState(params, state, change);
  return params.toString();
};

describe('table state in the URL', () => {
  it('reads search, sort, order, page and size, ignoring nonsense', () => {
    expect(read('q=%20acme%20&sort=name&order=desc&page=3&size=50')).toEqual({ q: 'acme', sort: 'name', order: 'desc', page: 3, pageSize: 50 });
    expect(read('page=-2&size=7&order=up')).toEqual({ q: '', sort: null, order: 'asc', page: 1, pageSize: 20 });
    expect(read('', { sort: 'createdAt', order: 'desc', pageSize: 50 })).toMatchObject({ sort: 'createdAt', order: 'desc', pageSize: 50 });
  });

  it('writes only what differs from the defaults, keeps other parameters, and restarts at page 1 on a new search', () => {
    const current = new URLSearchParams('tab=all&page=4&q=old');
    const state = readTableState(current);
    expect(written(current, state, { q: 'new' })).toBe('tab=all&q=new');
    expect(written(current, state, { page: 5 })).toBe('tab=all&page=5&q=old');
    expect(written(current, state, { sort: 'name', order: 'desc' })).toBe('tab=all&q=old&sort=name&order=desc');
    expect(written(current, state, { q: '', page: 1 })).toBe('tab=all');
  });

  it('gives Melody paging parameters', () => {
    expect(pagingQuery(read('page=2&size=10'))).toEqual({ page_size: 10, page_number: 2 });
  });
});

describe('applyTableState (lists the API returns whole)', () => {
  const rows = [
    { name: 'openid', note: 'Built-in', n: 3 },
    { name: 'billing', note: null, n: 1 },
    { name: 'profile', note: 'Built-in', n: 2 },
  ];
  const options = { searchText: (row: (typeof rows)[number]) => [row.name, row.note], sortKeys: { name: (row: (typeof rows)[number]) => row.name, n: (row: (typeof rows)[number]) => row.n } };

  it('searches case-insensitively over the given texts', () => {
    expect(applyTableState(rows, read('q=BUILT'), options).rows.map((row) => row.name)).toEqual(['openid', 'profile']);
  });

  it('sorts by a column in both directions', () => {
    expect(applyTableState(rows, read('sort=name'), options).rows.map((row) => row.name)).toEqual(['billing', 'openid', 'profile']);
    expect(applyTableState(rows, read('sort=n&order=desc'), options).rows.map((row) => row.n)).toEqual([3, 2, 1]);
  });

  it('pages and reports the total before paging', () => {
    const result = applyTableState(rows, read('sort=name&size=10&page=1'), options);
    expect(result.total).toBe(3);
    const second = applyTableState([...rows, ...rows, ...rows, ...rows], read('size=10&page=2'), options);
    expect(second).toMatchObject({ total: 12 });
    expect(second.rows).toHaveLength(2);
  });
});
