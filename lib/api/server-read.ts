import type { AdminSessionView } from '@/lib/admin/session';
import { isAppError } from '@/lib/errors';
import type { ApiRoute } from './define';
import { missingScopes } from '@/lib/access/scopes';
import { adminPrincipal } from './principal';

/**
 * What a GET of `route` with `query` would answer the dashboard's session, as JSON: the same scope
 * check, query schema, service call and response schema as the HTTP handler (lib/api/define.ts),
 * without the round trip. A console page renders its first view on the server with it. Whatever
 * the handler would refuse gives null: the client's own request then shows the error as usual.
 */
export async function readApiAsAdmin(route: ApiRoute, session: AdminSessionView, query: Record<string, string>): Promise<unknown> {
  if (route.method !== 'GET' || route.params || route.stream) throw new Error(`${route.path}: only parameterless GET lists can be read on the server`);
  if (!session.scopes.length || missingScopes(session, route.scopes, route.adminScope).length) return null;
  const parsed = route.query ? route.query.safeParse(query) : { success: true as const, data: {} };
  if (!parsed.success) return null;
  try {
    const result = await route.handler({ principal: adminPrincipal(session), params: {}, query: parsed.data, body: undefined, ip: '' });
    return JSON.parse(JSON.stringify(route.response ? route.response.parse(result) : result));
  } catch (error) {
    if (!isAppError(error)) console.error(`[tessera] ${route.path} could not be read for the page; the browser will ask again`, error);
    return null;
  }
}
