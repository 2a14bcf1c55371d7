import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import type { AdminSessionView } from '@/lib/admin/session';
import type { ApiRoute } from '@/lib/api/define';
import { readApiAsAdmin } from '@/lib/api/server-read';
import type { QueryValue } from './api-client';
import { apiQueryKey, normalizeQuery } from './query-key';

/**
 * Server component: reads `route` with `query` for the page's session and hands the answer to the
 * client's query cache under the key `useApiQuery(route.path, query)` uses, so the first view is in
 * the server's HTML instead of waiting for hydration and a second request (the users page at
 * 100,000 users). `query` must be what the client island computes from the same URL; if it is not,
 * the island simply fetches as usual.
 */
export async function ServerReadBoundary({ route, query, session, children }: { route: ApiRoute; query: Record<string, QueryValue>; session: AdminSessionView; children: ReactNode }) {
  // A client-side navigation (the table's own URL changes: RSC requests carry `RSC: 1`) is read by
  // the island itself, with the previous rows kept on screen; reading here too would double it.
  if ((await headers()).get('rsc') === '1') return children;
  const wire = Object.fromEntries(Object.entries(normalizeQuery(query)).map(([name, value]) => [name, String(value)]));
  const data = await readApiAsAdmin(route, session, wire);
  if (data === null) return children;
  const client = new QueryClient();
  client.setQueryData(apiQueryKey(route.path, query), data);
  return <HydrationBoundary state={dehydrate(client)}>{children}</HydrationBoundary>;
}
