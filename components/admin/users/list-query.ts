import { pagingQuery, type TableDefaults, type TableState } from '@/lib/admin/table-state';

// Plain module: the users page reads the first view on the server with the same query the list
// asks for in the browser (components/admin/ServerReadBoundary.tsx).

export const USERS_TABLE_DEFAULTS: TableDefaults = { sort: 'createdAt', order: 'desc' };

/** GET /api/v1/users parameters for a table state. */
export function usersListQuery(table: TableState) {
  return { ...pagingQuery(table), search: table.q || undefined, sort_by: table.sort ?? undefined, sort_order: table.order };
}
