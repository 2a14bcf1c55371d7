// Runs once when the Next.js server starts: a bad environment variable stops the server with a
// message naming it, instead of failing on the first request; then the periodic jobs start
// (lib/jobs: the cleanup every CLEANUP_INTERVAL seconds; 0, the default on Vercel, starts none),
// and the listener for other instances' cache invalidations (lib/cache/invalidation.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { config } = await import('@/lib/config');
  const settings = config();
  // structured JSON logs for every console line (LOG_LEVEL), request telemetry for npm run serve
  const { installStructuredConsole, logger } = await import('@/lib/observability/logger');
  logger();
  installStructuredConsole();
  const { metrics } = await import('@/lib/observability/metrics');
  metrics();
  const { publishRequestTelemetry } = await import('@/lib/observability/http');
  publishRequestTelemetry();
  // npm run serve (scripts/serve.mjs, which publishes its channel before Next starts) answers the hot
  // OAuth endpoints itself, with the route handlers' own functions
  if ((globalThis as Record<symbol, unknown>)[Symbol.for('tessera.serve')]) {
    const { publishFastRoutes } = await import('@/lib/http/oauth-endpoints');
    publishFastRoutes();
  }
  // OpenTelemetry traces (Next's own spans and ours) over OTLP when a collector is configured
  if (settings.otelExporterEndpoint) {
    const { registerOTel } = await import('@vercel/otel');
    registerOTel({ serviceName: settings.otelServiceName });
  }
  const { startServerJobs } = await import('@/lib/jobs');
  startServerJobs();
  // Other instances' changes to apps and signing keys drop this one's caches (PostgreSQL LISTEN).
  // Not on Vercel: a function instance is frozen between requests and cannot hold a listening
  // connection; there the caches' time bounds apply (README, Deployment).
  if (!process.env.VERCEL) {
    const { startInvalidationListener } = await import('@/lib/cache/invalidation');
    startInvalidationListener();
  }
}
