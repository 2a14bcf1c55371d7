// The request a log line belongs to: scripts/serve.mjs runs each request inside this
// AsyncLocalStorage (request ID, method, route), and every log line written while it runs carries
// them. Shared through globalThis: the server script and Next's bundles each have their own copy of
// this module, but there is one storage per process.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
  method: string;
  /** The path with ids replaced by ":id" (never the query string: it can carry codes). */
  route: string;
}

const KEY = Symbol.for('tessera.requestContext');

export function requestContextStorage(): AsyncLocalStorage<RequestContext> {
  const holder = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<RequestContext> };
  holder[KEY] ??= new AsyncLocalStorage<RequestContext>();
  return holder[KEY];
}

export function currentRequest(): RequestContext | undefined {
  return requestContextStorage().getStore();
}

const ID_SEGMENT = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+|[A-Za-z0-9_-]{20,})$/i;

/** /api/v1/users/3f2c…/roles → /api/v1/users/:id/roles (bounded label values for metrics too). */
export function routeOf(pathname: string): string {
  const path = pathname.split('?')[0]!.split('#')[0]!;
  if (path.startsWith('/_next/')) return '/_next/*';
  return path
    .split('/')
    .map((segment) => (ID_SEGMENT.test(segment) ? ':id' : segment))
    .join('/')
    .slice(0, 120);
}
