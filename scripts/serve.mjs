#!/usr/bin/env node
// `npm run serve`: the production server for Node hosting (bare host, container). A Next.js custom
// server on node:http that hands every request to Next's request handler (the same handler as
// `next start`), and adds what `next start` lacks:
//   - the client IP: the address of the socket a request came from reaches the app's one client-IP
//     function (lib/http/request.ts clientIp) through a request header whose name is drawn at random
//     at start-up and published on globalThis[Symbol.for('tessera.serve')]; any copy a client sends
//     is deleted. With TRUSTED_PROXY_HEADER set (behind a proxy) that header wins, as before;
//   - body limits (lib/http/body-limits.mjs): a declared Content-Length above the path's limit is
//     answered 413 payload_too_large before the app runs, and a body that grows past the limit
//     ends there for the app (its reader answers 413, the connection closes), so no endpoint
//     buffers more than its limit plus one socket read;
//   - the fast front: the hot OAuth endpoints (token, userinfo, introspect, revoke, JWKS, discovery
//     and their CORS preflights) are answered here, without Next's router, by the same web-standard
//     handlers the App Router route handlers export (lib/http/oauth-endpoints FAST_ROUTES, published by
//     instrumentation.ts when Next starts: Next's build compiles them, no second build step).
//     SERVE_FAST_FRONT=off hands them to Next as well (e2e/fast-front.spec.ts compares both paths);
//   - graceful shutdown on SIGTERM / SIGINT: the listening socket closes at once (new connections are
//     refused), idle keep-alive connections are closed, requests in flight finish (at most
//     SHUTDOWN_GRACE_MS, then their connections are cut), then the shutdown hooks run (the database
//     pools, lib/lifecycle) and the process exits 0.
//
// Listens on HOSTNAME (default localhost) and PORT (default 3000), like `next start`. Needs a build
// (`npm run build`; `npm start` builds when the sources changed, then runs this). With DATABASE_URL
// it serves that database as it is (the deploy step migrates); without it, it runs itself under
// scripts/with-db.mjs --migrate --seed, which provides the embedded database in a process of its own.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import compression from 'next/dist/compiled/compression/index.js';
import { releaseCompressionStream } from 'next/dist/server/lib/release-compression-stream.js';
import { fileURLToPath } from 'node:url';
import { bodyLimitFor } from '../lib/http/body-limits.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHUTDOWN_GRACE_MS = 10_000;
// A hung pool must not keep a stopping server alive for ever.
const SHUTDOWN_HOOKS_TIMEOUT_MS = 5_000;
// Keys shared with the app (lib/http/request.ts and lib/lifecycle/index.ts).
const SERVE_CHANNEL_KEY = Symbol.for('tessera.serve');
const SHUTDOWN_HOOKS_KEY = Symbol.for('tessera.shutdown-hooks');
const REQUEST_TELEMETRY_KEY = Symbol.for('tessera.requestTelemetry');
const FAST_ROUTES_KEY = Symbol.for('tessera.fastRoutes');
// Every header a client could send to pose as this server's channel, whatever the random suffix.
const CLIENT_IP_HEADER_PREFIX = 'x-tessera-client-ip';

const log = (message) => console.log(`[serve] ${message}`);

/** The peer address of a connection; IPv4 clients of a dual-stack socket without the ::ffff: prefix. */
export function socketAddress(socket) {
  const address = socket?.remoteAddress ?? '';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/** A header name a client cannot guess: x-tessera-client-ip-<16 random hex digits>. */
export function newClientIpHeader() {
  return `${CLIENT_IP_HEADER_PREFIX}-${randomBytes(8).toString('hex')}`;
}

/** 413 payload_too_large in the shape of the path's errors (OAuth endpoints: RFC 6749 §5.2). */
function refuseTooLarge(req, res, limit) {
  const description = `The request body is larger than ${Math.floor(limit / 1024)} KiB.`;
  const body = req.url?.startsWith('/oauth2/') ? { error: 'payload_too_large', error_description: description } : { error: 'payload_too_large', message: description };
  res.writeHead(413, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', Connection: 'close' });
  res.end(JSON.stringify(body));
}

// After the 413 of a body cut short, how long and how much more the connection is read (and
// dropped) before it is closed: closing a socket with unread data resets it, and a client still
// sending would lose the 413 (lingering close, as nginx's lingering_close).
const LINGER_MS = 1_000;
const LINGER_BYTES = 256 * 1024;

/**
 * Ends `req`'s body once more than `limit` bytes came: the chunk that crosses the limit is still
 * handed on (the app's reader sees the body is too large and answers 413), later chunks are
 * dropped unbuffered, and the connection closes after the response: its end is sent at once,
 * then at most LINGER_BYTES more are read during at most LINGER_MS. Node's HTTP parser hands every
 * body chunk to req.push, and ends a response marked Connection: close with socket.destroySoon().
 */
export function capRequestBody(req, res, limit) {
  const push = req.push.bind(req);
  let received = 0;
  let cut = false;
  req.push = (chunk, encoding) => {
    if (chunk === null) return cut || push(null);
    received += chunk.length;
    if (cut) {
      if (received > limit + LINGER_BYTES) req.socket?.destroy();
      return true;
    }
    if (received <= limit) return push(chunk, encoding);
    cut = true;
    lingerOnClose(req.socket);
    if (!res.headersSent) res.setHeader('Connection', 'close');
    push(chunk, encoding);
    // The body ends here for every reader (Next's proxy waits for the end of a body it copies).
    // Marked complete: an ended request whose message is incomplete destroys itself and its
    // connection, before the 413 could be written.
    req.complete = true;
    push(null);
    return true;
  };
}

function lingerOnClose(socket) {
  if (!socket) return;
  socket.destroySoon = () => {
    socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    socket.once('close', () => clearTimeout(timer));
    socket.once('end', () => socket.destroy());
  };
}

/**
 * The server's request listener: deletes every x-tessera-client-ip* header the client sent, sets
 * `clientIpHeader` to the socket's address, refuses or caps a body larger than its path's limit,
 * and calls `handle(req, res)`. While the server is
 * stopping, responses ask the client to close the connection. Counts the requests in flight.
 */
export function createRequestListener({ clientIpHeader, handle, state = { stopping: false, inFlight: 0 } }) {
  const listener = (req, res) => {
    for (const name of Object.keys(req.headers)) if (name.startsWith(CLIENT_IP_HEADER_PREFIX)) delete req.headers[name];
    req.headers[clientIpHeader] = socketAddress(req.socket);
    const limit = bodyLimitFor(new URL(req.url ?? '/', 'http://n').pathname);
    if (Number(req.headers['content-length'] ?? 0) > limit) return refuseTooLarge(req, res, limit);
    capRequestBody(req, res, limit);
    if (state.stopping) res.setHeader('Connection', 'close');
    state.inFlight += 1;
    res.once('close', () => (state.inFlight -= 1));
    Promise.resolve()
      .then(() => handle(req, res))
      .catch((error) => {
        console.error('[serve] request failed', error);
        if (!res.headersSent) {
          res.statusCode = 500;
          res.setHeader('Content-Type', 'text/plain; charset=utf-8');
          res.end('Internal Server Error');
        } else {
          res.destroy();
        }
      });
  };
  listener.state = state;
  return listener;
}

/**
 * The fast front's handler for this request: `routes[pathname][method]` (FAST_ROUTES of
 * lib/http/oauth-endpoints, exact paths; a query string is ignored), or null when Next must answer it.
 */
export function fastRouteHandler(routes, req) {
  if (!routes) return null;
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  const pathname = query === -1 ? url : url.slice(0, query);
  const methods = Object.hasOwn(routes, pathname) ? routes[pathname] : undefined;
  return methods && Object.hasOwn(methods, req.method) ? methods[req.method] : null;
}

// Headers a body that was decoded or re-framed must not carry (as Next's send-response drops them).
const REFRAMED_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding']);

/**
 * Answers `req` with a web-standard handler (Request → Response), the way Next's adapter does for a
 * route handler: the request's headers and streamed body go in; status, headers and body come out,
 * the body written as it arrives (chunked, as Next writes it).
 */
export async function answerWithWebHandler(handler, req, res, origin) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const request = new Request(new URL(req.url ?? '/', origin), {
    method: req.method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req), duplex: 'half' } : {}),
  });
  const response = await handler(request);
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie' || REFRAMED_HEADERS.has(name)) continue;
    res.appendHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader('set-cookie', cookies);
  if (response.body) for await (const chunk of response.body) res.write(chunk);
  res.end();
}

const FAST_FRONT_WAIT_MS = 30_000;

/** Whether globalThis[key] is set within timeoutMs. */
async function published(key, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!globalThis[key] && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return Boolean(globalThis[key]);
}

// What Next's own server adds around every App Router route handler, so that the front's answers
// are the same bytes as Next's (e2e/fast-front.spec.ts): its router's Vary (base-server
// setVaryHeader), and gzip/deflate/br per Accept-Encoding with Vary: Accept-Encoding (router-server,
// next.config.ts leaves `compress` on), the zlib stream released when the client goes away.
const NEXT_ROUTER_VARY = 'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch';
const compress = compression();

/** answerWithWebHandler, with Next's additions to an App Router response. */
export function answerLikeNext(handler, req, res, origin) {
  compress(req, res, () => {});
  res.once('close', () => {
    if (!res.writableFinished) releaseCompressionStream(res);
  });
  res.appendHeader('vary', NEXT_ROUTER_VARY);
  return answerWithWebHandler(handler, req, res, origin);
}

/** SERVE_FAST_FRONT: on (default) or off. */
export function fastFrontEnabled(value = process.env.SERVE_FAST_FRONT) {
  if (value === undefined || value === '' || value === 'on') return true;
  if (value === 'off') return false;
  throw new Error(`SERVE_FAST_FRONT must be on or off, got "${value}"`);
}

/** Runs every hook of lib/lifecycle's onShutdown() once (database pools, …), bounded in time. */
export async function runShutdownHooks(timeoutMs = SHUTDOWN_HOOKS_TIMEOUT_MS) {
  const hooks = globalThis[SHUTDOWN_HOOKS_KEY];
  if (!hooks?.size) return;
  const pending = [...hooks];
  hooks.clear();
  let timer;
  const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const done = Promise.allSettled(pending.map(async (hook) => hook())).then((results) => {
    for (const result of results) if (result.status === 'rejected') console.error('[serve] shutdown hook failed', result.reason);
  });
  if ((await Promise.race([done, timedOut])) === 'timeout') log(`shutdown hooks still running after ${timeoutMs / 1000} s: exiting anyway`);
  clearTimeout(timer);
}

/**
 * Graceful stop of `server` (whose listener is `listener`, from createRequestListener): returns
 * stop(reason), which resolves once in-flight requests are done (or cut after graceMs) and the
 * shutdown hooks ran. Calling it again returns the same promise.
 */
export function gracefulStop(server, listener, { graceMs = SHUTDOWN_GRACE_MS, onDrained = runShutdownHooks } = {}) {
  let stopping;
  return (reason) => {
    stopping ??= (async () => {
      const { state } = listener;
      state.stopping = true;
      log(`${reason}: refusing new connections, finishing ${state.inFlight} request(s) in flight (at most ${graceMs / 1000} s)`);
      const closed = new Promise((resolve) => server.close(() => resolve('closed')));
      server.closeIdleConnections();
      // a keep-alive connection becomes idle when its last response is sent
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      let timer;
      const outcome = await Promise.race([closed, new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)))]);
      clearTimeout(timer);
      clearInterval(sweep);
      if (outcome === 'timeout') {
        log(`${state.inFlight} request(s) still in flight after ${graceMs / 1000} s: closing their connections`);
        server.closeAllConnections();
      }
      await onDrained();
      log('stopped');
    })();
    return stopping;
  };
}

/**
 * SIGTERM and SIGINT (the first one; later ones are ignored: a terminal's Ctrl-C reaches the whole
 * process group) call stop(signal), then exit 0 (1 if stopping failed). Returns whether a stop began.
 */
export function stopOnSignals(stop) {
  let began = false;
  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => {
      if (began) return;
      began = true;
      stop(signal).then(
        () => process.exit(0),
        (error) => {
          console.error('[serve] shutdown failed', error);
          process.exit(1);
        },
      );
    });
  }
  return () => began;
}

/** Without DATABASE_URL: run this script under with-db (embedded database, migrated and seeded). */
function serveUnderEmbeddedDatabase() {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/with-db.mjs'), '--migrate', '--seed', process.execPath, fileURLToPath(import.meta.url)], {
    cwd: ROOT,
    stdio: 'inherit',
    env: process.env,
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function main() {
  if (!process.env.DATABASE_URL) return serveUnderEmbeddedDatabase();
  process.env.NODE_ENV ??= 'production';
  process.env.NEXT_TELEMETRY_DISABLED ??= '1';
  const hostname = process.env.HOSTNAME || 'localhost';
  const port = Number(process.env.PORT || 3000);

  const fastFront = fastFrontEnabled();
  const origin = `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;

  const clientIpHeader = newClientIpHeader();
  globalThis[SERVE_CHANNEL_KEY] = Object.freeze({ clientIpHeader });

  let handleWithNext = null;
  const answer = (req, res) => {
    const handler = fastFront ? fastRouteHandler(globalThis[FAST_ROUTES_KEY], req) : null;
    return handler ? answerLikeNext(handler, req, res, origin) : handleWithNext(req, res);
  };
  // lib/observability/http.ts (published by instrumentation.ts): request ID, log context, access line, HTTP metrics
  const handle = (req, res) => {
    const telemetry = globalThis[REQUEST_TELEMETRY_KEY];
    return telemetry ? telemetry(req, res, () => answer(req, res)) : answer(req, res);
  };
  const listener = createRequestListener({ clientIpHeader, handle });
  const server = http.createServer(listener);
  const stopping = stopOnSignals(gracefulStop(server, listener));

  const { default: next } = await import('next');
  const app = next({ dev: false, dir: ROOT, hostname, port, httpServer: server });
  await app.prepare(); // runs instrumentation.ts: a bad configuration stops here, naming the variable
  handleWithNext = app.getRequestHandler();
  // prepare() does not wait for instrumentation.ts's register(): wait for the fast front it
  // publishes, so that it answers from the first request (until then Next would, alike).
  if (fastFront && !(await published(FAST_ROUTES_KEY, FAST_FRONT_WAIT_MS))) {
    log(`the fast front was not published within ${FAST_FRONT_WAIT_MS / 1000} s (a build older than it?): Next answers every route until it is`);
  }
  if (stopping()) return;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, resolve);
  });
  const address = server.address();
  log(`ready on http://${hostname}:${typeof address === 'object' && address ? address.port : port} (pid ${process.pid})`);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  main().catch((error) => {
    console.error('[serve]', error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : error);
    process.exit(1);
  });
}
