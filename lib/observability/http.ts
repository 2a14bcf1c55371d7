// One request's telemetry under `npm run serve`: scripts/serve.mjs calls the function published
// here (publishRequestTelemetry, from instrumentation.ts) around Next's handler, so that
//   - the request has an ID: the client's X-Request-Id when it is a short token (a proxy's), else a
//     new UUID, echoed in the response's X-Request-Id;
//   - every log line written while it runs carries requestId, method and route (context.ts);
//   - its end writes one line with the status and duration, and counts it in the HTTP metrics.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { log } from './logger';
import { count } from './metrics';
import { requestContextStorage, routeOf } from './context';

const TELEMETRY_KEY = Symbol.for('tessera.requestTelemetry');
const INCOMING_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;
/** Probes and scrapes are logged at debug: at info they would drown everything else. */
const QUIET_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

export type RequestTelemetry = (req: IncomingMessage, res: ServerResponse, next: () => unknown) => unknown;

export const instrumentRequest: RequestTelemetry = (req, res, next) => {
  const incoming = req.headers['x-request-id'];
  const requestId = typeof incoming === 'string' && INCOMING_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', requestId);
  const method = (req.method ?? 'GET').toUpperCase();
  const path = routeOf(req.url ?? '/');
  const started = performance.now();
  res.once('close', () => {
    const status = res.statusCode;
    // unknown paths (scanners) share one label, so they cannot grow the metrics without bound
    const route = status === 404 ? 'unmatched' : path;
    const seconds = (performance.now() - started) / 1000;
    count((m) => {
      m.httpRequests.inc({ method, route, status: String(status) });
      m.httpDuration.observe({ method, route }, seconds);
    });
    const level = status >= 500 ? 'error' : QUIET_ROUTES.has(path) ? 'debug' : 'info';
    log(level, `${method} ${path} ${status}`, { requestId, method, route: path, status, durationMs: Math.round(seconds * 1000), ...(res.writableFinished ? {} : { aborted: true }) });
  });
  return requestContextStorage().run({ requestId, method, route: path }, next);
};

/** Makes instrumentRequest available to scripts/serve.mjs (outside Next's bundles). */
export function publishRequestTelemetry(): void {
  (globalThis as typeof globalThis & { [TELEMETRY_KEY]?: RequestTelemetry })[TELEMETRY_KEY] = instrumentRequest;
}
