import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { answerWithWebHandler, createRequestListener, fastFrontEnabled, fastRouteHandler, gracefulStop, newClientIpHeader, runShutdownHooks, socketAddress } from './serve.mjs';

// npm run serve's own behaviour, on real sockets: the client-IP channel and the graceful stop.
// The Next.js handler behind it is replaced by a small one; the e2e suite runs on the real thing.

const SERVE = path.join(import.meta.dirname, 'serve.mjs');
const servers: http.Server[] = [];

afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function listen(server: http.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function request(port: number, options: http.RequestOptions = {}): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/', ...options }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connectError(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(null)));
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** A handler that answers /slow only when released, and echoes every other request's headers. */
function slowHandler() {
  let release!: () => void;
  let started!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const slowStarted = new Promise<void>((resolve) => (started = resolve));
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.url === '/slow') {
      started();
      await released;
      res.end('slow done');
      return;
    }
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(req.headers));
  };
  return { handle, release, slowStarted };
}

describe('npm run serve: client IP', () => {
  it('maps IPv4 addresses of a dual-stack socket to their plain form and keeps IPv6 ones', () => {
    expect(socketAddress({ remoteAddress: '::ffff:203.0.113.7' })).toBe('203.0.113.7');
    expect(socketAddress({ remoteAddress: '2001:db8::1' })).toBe('2001:db8::1');
    expect(socketAddress({ remoteAddress: undefined })).toBe('');
  });

  it('draws a new header name at every start', () => {
    const name = newClientIpHeader();
    expect(name).toMatch(/^x-tessera-client-ip-[0-9a-f]{16}$/);
    expect(newClientIpHeader()).not.toBe(name);
  });

  it('hands the socket address to the app and drops every copy of the channel a client forges', async () => {
    const clientIpHeader = newClientIpHeader();
    const { handle } = slowHandler();
    const port = await listen(http.createServer(createRequestListener({ clientIpHeader, handle })));
    const forged = {
      [clientIpHeader]: '198.51.100.1', // even a client that guessed this start's name
      'x-tessera-client-ip': '198.51.100.2',
      'X-Tessera-Client-Ip-0123456789abcdef': '198.51.100.3',
      'x-forwarded-for': '198.51.100.4',
    };
    const { body } = await request(port, { headers: forged });
    const seen = JSON.parse(body) as Record<string, string>;
    expect(seen[clientIpHeader]).toBe('127.0.0.1');
    expect(Object.keys(seen).filter((name) => name.startsWith('x-tessera-client-ip'))).toEqual([clientIpHeader]);
    // other headers reach the app untouched (TRUSTED_PROXY_HEADER behind a proxy reads them)
    expect(seen['x-forwarded-for']).toBe('198.51.100.4');
  });
});

describe('npm run serve: graceful stop', () => {
  it('refuses new connections, closes idle ones, finishes the request in flight, then closes the pools', async () => {
    const { handle, release, slowStarted } = slowHandler();
    const listener = createRequestListener({ clientIpHeader: newClientIpHeader(), handle });
    const server = http.createServer(listener);
    const port = await listen(server);
    const events: string[] = [];
    // The pools close once the server has finished the response; the client may read it a moment
    // later, so the order is judged by the server's own count of requests in flight.
    const stop = gracefulStop(server, listener, {
      graceMs: 10_000,
      onDrained: async () => void events.push(`pools closed with ${listener.state.inFlight} in flight`),
    });

    // an idle keep-alive connection, and a request in flight
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    await request(port, { agent });
    const [idleSocket] = Object.values(agent.freeSockets).flat();
    const idleClosed = new Promise<void>((resolve) => idleSocket!.once('close', () => resolve()));
    const slow = request(port, { path: '/slow' }).then((response) => (events.push('slow answered'), response));
    await slowStarted;

    const stopped = stop('SIGTERM').then(() => events.push('stopped'));
    expect(stop('SIGINT')).toBe(stop('SIGTERM')); // one stop, whatever comes next
    await expect.poll(() => connectError(port), { timeout: 2_000, interval: 20 }).toBe('ECONNREFUSED');
    await idleClosed;
    expect(listener.state.inFlight).toBe(1);
    expect(events).toEqual([]);

    release();
    expect(await slow).toMatchObject({ status: 200, body: 'slow done' });
    await stopped;
    expect(events.filter((event) => event !== 'slow answered')).toEqual(['pools closed with 0 in flight', 'stopped']);
    expect(events).toContain('slow answered');
    agent.destroy();
  });

  it('cuts the connections still busy after the grace period, then closes the pools all the same', async () => {
    const { handle, slowStarted } = slowHandler(); // never released
    const listener = createRequestListener({ clientIpHeader: newClientIpHeader(), handle });
    const server = http.createServer(listener);
    const port = await listen(server);
    let drained = false;
    const stop = gracefulStop(server, listener, { graceMs: 200, onDrained: () => void (drained = true) });
    const slow = request(port, { path: '/slow' }).then(
      () => 'answered',
      (error: NodeJS.ErrnoException) => error.code,
    );
    await slowStarted;
    await stop('SIGTERM');
    expect(await slow).toBe('ECONNRESET');
    expect(drained).toBe(true);
  });

  it('runs every shutdown hook registered through lib/lifecycle once, even when one fails', async () => {
    const { onShutdown } = await import('@/lib/lifecycle');
    const calls: string[] = [];
    onShutdown(() => void calls.push('a'));
    onShutdown(async () => {
      throw new Error('pool already gone');
    });
    const takenBack = onShutdown(() => void calls.push('never'));
    takenBack();
    await runShutdownHooks();
    await runShutdownHooks();
    expect(calls).toEqual(['a']);
  });

  it('stops on a real SIGTERM: the request in flight is answered, new connections are refused, the process exits 0', async () => {
    // The same wiring as the server's main(), around a handler whose /slow takes 1.5 s.
    const script = `
      import http from 'node:http';
      import { createRequestListener, gracefulStop, newClientIpHeader, stopOnSignals } from ${JSON.stringify(SERVE)};
      globalThis[Symbol.for('tessera.shutdown-hooks')] = new Set([async () => console.log('pool closed')]);
      const handle = (req, res) => {
        if (req.url !== '/slow') return res.end('ok');
        console.log('slow started');
        setTimeout(() => { console.log('slow finished'); res.end('slow done'); }, 1500);
      };
      const listener = createRequestListener({ clientIpHeader: newClientIpHeader(), handle });
      const server = http.createServer(listener);
      stopOnSignals(gracefulStop(server, listener));
      server.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    const waitFor = (text: string) =>
      new Promise<void>((resolve) => {
        const check = () => output.includes(text) && (child.stdout!.off('data', check), resolve());
        child.stdout!.on('data', check);
        check();
      });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await waitFor('port ');
    const port = Number(/port (\d+)/.exec(output)![1]);

    const slow = request(port, { path: '/slow' });
    await waitFor('slow started');
    child.kill('SIGTERM');
    await waitFor('SIGTERM: refusing new connections');
    // the listening socket closes on the child's next turn of its event loop
    await expect.poll(() => connectError(port), { timeout: 2_000, interval: 20 }).toBe('ECONNREFUSED');
    expect(await slow).toMatchObject({ status: 200, body: 'slow done' });
    expect(await exited).toBe(0);
    const order = ['slow finished', 'pool closed', '[serve] stopped'].map((line) => output.indexOf(line));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});

describe('npm run serve: the fast front', () => {
  const echo = async (request: Request) =>
    Response.json(
      { method: request.method, url: request.url, body: await request.text(), type: request.headers.get('content-type') },
      { headers: { Vary: 'Origin', 'Set-Cookie': 'a=1' } },
    );
  const routes = { '/oauth2/v1/token': { POST: echo } };

  it('picks a handler by exact path and method only; everything else is left to Next', () => {
    expect(fastRouteHandler(routes, { url: '/oauth2/v1/token?x=1', method: 'POST' })).toBe(echo);
    expect(fastRouteHandler(routes, { url: '/oauth2/v1/token', method: 'GET' })).toBeNull();
    expect(fastRouteHandler(routes, { url: '/oauth2/v1/token/', method: 'POST' })).toBeNull();
    expect(fastRouteHandler(routes, { url: '/oauth2/v1/%74oken', method: 'POST' })).toBeNull();
    expect(fastRouteHandler(routes, { url: '__proto__', method: 'POST' })).toBeNull();
    expect(fastRouteHandler(routes, { url: '/oauth2/v1/token', method: 'constructor' })).toBeNull();
    expect(fastRouteHandler(null, { url: '/oauth2/v1/token', method: 'POST' })).toBeNull();
  });

  it('SERVE_FAST_FRONT is on by default, off on request, and refuses anything else', () => {
    expect(fastFrontEnabled(undefined)).toBe(true);
    expect(fastFrontEnabled('on')).toBe(true);
    expect(fastFrontEnabled('off')).toBe(false);
    expect(() => fastFrontEnabled('yes')).toThrow(/SERVE_FAST_FRONT/);
  });

  it('hands the request (headers, streamed body) to the web handler and writes its response back', async () => {
    const listener = createRequestListener({
      clientIpHeader: newClientIpHeader(),
      handle: (req, res) => answerWithWebHandler(fastRouteHandler(routes, req)!, req, res, 'http://localhost:3999'),
    });
    const port = await listen(http.createServer(listener));
    const response = await fetch(`http://127.0.0.1:${port}/oauth2/v1/token?x=1`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('vary')).toBe('Origin');
    expect(response.headers.getSetCookie()).toEqual(['a=1']);
    // written as Next writes a route handler's body: chunked, no Content-Length
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(await response.json()).toEqual({
      method: 'POST',
      url: 'http://localhost:3999/oauth2/v1/token?x=1',
      body: 'grant_type=client_credentials',
      type: 'application/x-www-form-urlencoded',
    });
  });
});
