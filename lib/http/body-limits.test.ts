import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createRequestListener, newClientIpHeader } from '@/scripts/serve.mjs';
import { POST as tokenEndpoint } from '@/app/oauth2/v1/token/route';
import { bodyLimitFor, KIB, MIB } from './body-limits.mjs';
import { MAX_JSON_DEPTH, parseJsonText, readBodyText, readJsonValue } from './request';

// Issue 12 item 9 over real sockets: a client sends a 20 MB body to /oauth2/v1/token and the
// server answers 413 payload_too_large having read at most the endpoint's limit plus a socket read.
// The token endpoint's real route handler runs behind npm run serve's request listener and an
// adapter that hands it the request the way Next.js does (the IncomingMessage itself as the body
// stream). The app's reader alone (next start, Vercel) is tested on a stream that never ends.

const ATTACK_BYTES = 20 * MIB;
const CHUNK = Buffer.alloc(64 * KIB, 'a');
const servers: http.Server[] = [];

afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

type Handle = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

/** Runs the token route handler for a Node request, as Next.js's Node adapter does. */
const viaRouteHandler: Handle = async (req, res) => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
  const init = { method: req.method, headers, body: req as unknown as ReadableStream, duplex: 'half' as const };
  const response = await tokenEndpoint(new NextRequest(new URL(req.url ?? '/', 'http://127.0.0.1'), init));
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
};

/** A server on a free port; `bytesRead` reports what it read from its (one) client's socket. */
async function startServer() {
  const server = http.createServer(createRequestListener({ clientIpHeader: newClientIpHeader(), handle: viaRouteHandler }));
  servers.push(server);
  let socket: Socket | null = null;
  let headerBytes = 0;
  server.on('connection', (connection) => (socket = connection));
  server.on('request', (req: http.IncomingMessage) => (headerBytes = req.socket.bytesRead));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const bodyBytesRead = () => ((socket as Socket | null)?.bytesRead ?? 0) - headerBytes;
  return { port: (server.address() as AddressInfo).port, bodyBytesRead };
}

/**
 * POSTs up to 20 MB of form body, slowly (64 KiB at a time, each written only once the socket
 * drained), until the answer comes or the server stops reading. `declareLength` sends
 * Content-Length; otherwise the body is chunked.
 */
function attack(port: number, declareLength: boolean): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const headers: http.OutgoingHttpHeaders = { 'Content-Type': 'application/x-www-form-urlencoded' };
    if (declareLength) headers['Content-Length'] = ATTACK_BYTES;
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/oauth2/v1/token', headers }, (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sent }));
    });
    req.on('error', (error) => (answered ? undefined : reject(error)));
    const write = () => {
      while (!answered && sent < ATTACK_BYTES) {
        sent += CHUNK.length;
        if (!req.write(CHUNK)) return void req.once('drain', () => setTimeout(write, 5));
      }
      if (!answered) req.end();
    };
    write();
  });
}

describe('issue 12 item 9: bodies are read only up to a fixed size', () => {
  it('issue 12 item 9: limits by path — 64 KiB for /oauth2, /identity, /embedded-auth; 1 MiB for /api/v1; 16 MiB for the user import', () => {
    expect(bodyLimitFor('/oauth2/v1/token')).toBe(64 * KIB);
    expect(bodyLimitFor('/identity/v1/authorize-password')).toBe(64 * KIB);
    expect(bodyLimitFor('/embedded-auth/v1/some-session/sign-in')).toBe(64 * KIB);
    expect(bodyLimitFor('/api/v1/users')).toBe(MIB);
    expect(bodyLimitFor('/api/v1/users/import')).toBe(16 * MIB);
  });

  it('issue 12 item 9: a 20 MB chunked body to /oauth2/v1/token, sent slowly, gets 413 payload_too_large after < 1 MiB was read', async () => {
    const { port, bodyBytesRead } = await startServer();
    const answer = await attack(port, false);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: 'payload_too_large', error_description: 'The request body is larger than 64 KiB.' });
    expect(answer.sent).toBeLessThan(ATTACK_BYTES);
    expect(bodyBytesRead()).toBeLessThan(MIB);
  });

  it('issue 12 item 9: a declared Content-Length of 20 MB is refused by npm run serve before a byte of the body is read', async () => {
    const { port, bodyBytesRead } = await startServer();
    const answer = await attack(port, true);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: 'payload_too_large', error_description: 'The request body is larger than 64 KiB.' });
    expect(bodyBytesRead()).toBeLessThan(256 * KIB);
  });

  it('issue 12 item 9: the app’s reader refuses a declared Content-Length above the limit without reading, and a body growing past it', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += CHUNK.length;
        controller.enqueue(new Uint8Array(CHUNK));
      },
    });
    const growing = new Request('http://localhost/identity/v1/authorize-password', { method: 'POST', body: endless, duplex: 'half' } as RequestInit);
    await expect(readBodyText(growing)).rejects.toMatchObject({ code: 'payload_too_large', status: 413 });
    expect(pulled).toBeLessThanOrEqual(64 * KIB + 2 * CHUNK.length);

    const declared = new Request('http://localhost/api/v1/users', { method: 'POST', body: '{}', headers: { 'content-length': String(2 * MIB), 'content-type': 'application/json' } });
    await expect(readJsonValue(declared)).rejects.toMatchObject({ code: 'payload_too_large' });
  });

  it('issue 12 item 9: the user import reads up to 16 MiB, other /api/v1 bodies 1 MiB', async () => {
    const body = () => new Uint8Array(2 * MIB).fill(0x20);
    await expect(readBodyText(new Request('http://localhost/api/v1/users/import', { method: 'POST', body: body() }))).resolves.toHaveLength(2 * MIB);
    await expect(readBodyText(new Request('http://localhost/api/v1/users', { method: 'POST', body: body() }))).rejects.toMatchObject({ code: 'payload_too_large' });
    const huge = new Request('http://localhost/api/v1/users/import', { method: 'POST', body: '{}', headers: { 'content-length': String(17 * MIB) } });
    await expect(readBodyText(huge)).rejects.toMatchObject({ code: 'payload_too_large' });
  });

  it(`issue 12 item 9: JSON nested deeper than ${MAX_JSON_DEPTH} levels is a structured 400 before it is parsed`, () => {
    const deep = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
    expect(() => parseJsonText(deep)).toThrowError(expect.objectContaining({ code: 'invalid_input', status: 400 }));
    expect(() => parseJsonText('{"a":'.repeat(50_000))).toThrowError(expect.objectContaining({ code: 'invalid_input' }));
    // brackets inside strings are text, not nesting
    const shallow = `{"a":"${'['.repeat(100)}\\"{{{"}`;
    expect(parseJsonText(shallow)).toEqual({ a: `${'['.repeat(100)}"{{{` });
    expect(parseJsonText('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBeInstanceOf(Array);
  });
});

// Route handlers and services never read a body themselves: lib/http/request.ts is the one reader.
const ROOT = path.resolve(import.meta.dirname, '../..');
const BODY_READ = /\b(?:request|req)\s*\.\s*(?:json|formData|text|arrayBuffer|blob)\s*\(|\b(?:request|req)\.body\??\.getReader\b/;

function sourceFiles(directory: string): string[] {
  return readdirSync(path.join(ROOT, directory), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

describe('issue 12 item 9: one body reader', () => {
  it('issue 12 item 9: no route handler, page or service reads a request body except lib/http/request.ts', () => {
    const offenders = [...sourceFiles('app'), ...sourceFiles('lib'), ...sourceFiles('components')]
      .filter((file) => file !== 'lib/http/request.ts' && !file.startsWith('lib/db/generated'))
      .filter((file) => BODY_READ.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
