// Prometheus metrics (prom-client), served at GET /metrics behind METRICS_TOKEN. One registry per
// process on globalThis: Next bundles this module more than once (route handlers, pages,
// instrumentation) and scripts/serve.mjs records the HTTP series from outside every bundle.
//   tessera_http_requests_total{method,route,status}          requests served (npm run serve)
//   tessera_http_request_duration_seconds{method,route}        latency histogram (npm run serve)
//   tessera_sign_ins_total{method,result}                      sign-ins by method, success / failure
//   tessera_tokens_issued_total{grant_type}                    tokens issued by the token endpoint
//   tessera_rate_limit_hits_total{kind}                        requests refused by a rate limit or lockout
//   tessera_db_pool_connections{state}                         pool connections: total, idle, waiting
//   plus prom-client's default process and Node.js metrics (tessera_process_*, tessera_nodejs_*)
import client from 'prom-client';
import { databasePoolStats } from '@/lib/db/pools';

const KEY = Symbol.for('tessera.metrics');

export interface Metrics {
  registry: client.Registry;
  httpRequests: client.Counter<'method' | 'route' | 'status'>;
  httpDuration: client.Histogram<'method' | 'route'>;
  signIns: client.Counter<'method' | 'result'>;
  tokensIssued: client.Counter<'grant_type'>;
  rateLimitHits: client.Counter<'kind'>;
}

function createMetrics(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'tessera_' });
  new client.Gauge({
    name: 'tessera_db_pool_connections',
    help: 'Database pool connections of this process: total open, idle, and queries waiting for one',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const stats = databasePoolStats();
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  return {
    registry,
    httpRequests: new client.Counter({ name: 'tessera_http_requests_total', help: 'HTTP requests by method, route and status', labelNames: ['method', 'route', 'status'], registers: [registry] }),
    httpDuration: new client.Histogram({
      name: 'tessera_http_request_duration_seconds',
      help: 'HTTP request latency by method and route',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    signIns: new client.Counter({ name: 'tessera_sign_ins_total', help: 'Sign-ins by method and result (success, failure)', labelNames: ['method', 'result'], registers: [registry] }),
    tokensIssued: new client.Counter({ name: 'tessera_tokens_issued_total', help: 'Token responses by grant type', labelNames: ['grant_type'], registers: [registry] }),
    rateLimitHits: new client.Counter({ name: 'tessera_rate_limit_hits_total', help: 'Requests refused by a rate limit or lockout, by kind', labelNames: ['kind'], registers: [registry] }),
  };
}

export function metrics(): Metrics {
  const holder = globalThis as typeof globalThis & { [KEY]?: Metrics };
  holder[KEY] ??= createMetrics();
  return holder[KEY];
}

/** Counting must never fail a request. */
export function count(record: (m: Metrics) => void): void {
  try {
    record(metrics());
  } catch (error) {
    console.warn('[tessera] metrics: recording failed', error);
  }
}
