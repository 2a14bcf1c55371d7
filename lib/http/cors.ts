import { listActiveRedirectOrigins } from '@/lib/apps/service';
import { onInvalidate } from '@/lib/cache/invalidation';

// CORS for the endpoints browser apps call directly (token, userinfo, revoke, Melody's logout).
// No endpoint here reads cookies, so credentials are never allowed and the allowed origin is the
// request's own, echoed only when it is the origin of a registered redirect URI of an active app.
// Which app is calling is unknown before the body is parsed (and a preflight has no body), so any
// active app's origin qualifies. CORS only decides whether a browser page may READ the answer;
// the request itself is authorized by the endpoint as for any other caller.

const ORIGIN_CACHE_MS = 30_000;
/** An origin missing from a cached set older than this reloads it once (see allowedOrigin). */
const MISS_RELOAD_MS = 1_000;
const ALLOWED_HEADERS = 'Authorization, Content-Type';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

// Web-standard handlers: the route handlers and the fast front of npm run serve (lib/http/oauth-endpoints) share them.
type RouteHandler<R extends Request = Request> = (request: R) => Promise<Response>;

// The token endpoint is hot: the origin set is read from the database at most once per 30 s per
// process. A change to an app through the services (deactivation, new redirect URIs) drops the set on
// every instance at once (invalidate('apps'), lib/cache/invalidation.ts); otherwise it takes effect
// within that time. A newly registered app's origin takes
// effect at once: an origin missing from the set reloads it (at most once a second per process,
// so a flood of foreign origins costs one query a second), and a developer who registers an app
// and pastes the dashboard's snippet does not meet 30 s of CORS failures.
let originCache: { origins: Promise<Set<string>>; loadedAt: number } | undefined;

function allowedOrigins(): Promise<Set<string>> {
  if (!originCache || Date.now() - originCache.loadedAt >= ORIGIN_CACHE_MS) {
    const origins = listActiveRedirectOrigins().then((list) => new Set(list));
    const entry = { origins, loadedAt: Date.now() };
    originCache = entry;
    // A failed load must not be cached for 30 s.
    origins.catch(() => {
      if (originCache === entry) originCache = undefined;
    });
  }
  return originCache.origins;
}

function dropOrigins(): void {
  originCache = undefined;
}
onInvalidate('apps', dropOrigins);

export const clearCorsCacheForTesting = dropOrigins;

async function allowedOrigin(request: Request): Promise<string | null> {
  const origin = request.headers.get('origin');
  if (!origin || origin === 'null') return null;
  try {
    if ((await allowedOrigins()).has(origin)) return origin;
    if (originCache && Date.now() - originCache.loadedAt < MISS_RELOAD_MS) return null;
    originCache = undefined;
    return (await allowedOrigins()).has(origin) ? origin : null;
  } catch (error) {
    // Without the list, answer as for a foreign origin: the endpoint's own answer still stands.
    console.error('[tessera] CORS origins could not be loaded', error);
    return null;
  }
}

/**
 * Wraps a route handler: its answer (errors included, so the page can read them) gets
 * Access-Control-Allow-Origin for an allowed origin. Vary: Origin always, because the headers
 * depend on it.
 */
export function withAppCors<R extends Request>(handler: RouteHandler<R>): RouteHandler<R> {
  return async (request) => {
    const response = await handler(request);
    response.headers.append('Vary', 'Origin');
    const origin = await allowedOrigin(request);
    if (origin) response.headers.set('Access-Control-Allow-Origin', origin);
    return response;
  };
}

/** OPTIONS handler answering preflights from allowed origins; others get no CORS headers and the browser stops. */
export function appCorsPreflight(methods: readonly string[]): RouteHandler {
  return async (request) => {
    const origin = await allowedOrigin(request);
    const headers: Record<string, string> = { Vary: 'Origin' };
    if (origin) {
      Object.assign(headers, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': methods.join(', '),
        'Access-Control-Allow-Headers': ALLOWED_HEADERS,
        'Access-Control-Max-Age': PREFLIGHT_MAX_AGE_SECONDS,
      });
    }
    return new Response(null, { status: 204, headers });
  };
}

/**
 * Discovery and JWKS are public documents, the same for every caller and fetched without
 * credentials: any page may read them (token verification in the browser, client libraries that
 * discover before they know their app), so `*` gives away nothing and needs no database lookup.
 */
export const PUBLIC_CORS_HEADERS = { 'Access-Control-Allow-Origin': '*' } as const;

export function publicCorsPreflight(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...PUBLIC_CORS_HEADERS,
      'Access-Control-Allow-Methods': 'GET',
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Max-Age': PREFLIGHT_MAX_AGE_SECONDS,
    },
  });
}
