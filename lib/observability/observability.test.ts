// Structured logs (LOG_LEVEL, request context, the central redaction list), request telemetry as
// scripts/serve.mjs runs it (a real node:http server), and GET /metrics behind METRICS_TOKEN.
import http from 'node:http';
import { Writable } from 'node:stream';
import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { GET as metricsGET } from '@/app/metrics/route';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { requestContextStorage, routeOf } from './context';
import { instrumentRequest } from './http';
import { consoleLine, createLogger, log } from './logger';
import { count } from './metrics';
import { REDACTED_KEYS } from './redact';

afterEach(() => resetConfigForTesting());

/** A logger writing JSON lines into an array. */
function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger(level, stream), lines };
}

describe('structured logs', () => {
  it('writes one JSON object per line at LOG_LEVEL and above; silent writes nothing', () => {
    const { logger, lines } = capture('warn');
    log('debug', 'not written', {}, logger);
    log('info', 'not written either', {}, logger);
    log('warn', 'slow query', { ms: 1200 }, logger);
    log('error', 'failed', {}, logger);
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      ['warn', 'slow query'],
      ['error', 'failed'],
    ]);
    expect(lines[0]).toMatchObject({ service: 'tessera-auth', ms: 1200, time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });

    const silent = capture('silent');
    log('error', 'nothing', {}, silent.logger);
    expect(silent.lines).toEqual([]);
  });

  it('carries the request ID, method and route of the request it is written in', () => {
    const { logger, lines } = capture('info');
    requestContextStorage().run({ requestId: 'req-12345678', method: 'POST', route: '/oauth2/v1/token' }, () => log('info', 'inside', {}, logger));
    log('info', 'outside', {}, logger);
    expect(lines[0]).toMatchObject({ msg: 'inside', requestId: 'req-12345678', method: 'POST', route: '/oauth2/v1/token' });
    expect(lines[1]).not.toHaveProperty('requestId');
  });

  it('redacts every field of the central list, at any depth, and secrets inside messages', () => {
    const { logger, lines } = capture('debug');
    const secret = (key: string) => `SECRET-${key}-0123456789`;
    const fields = Object.fromEntries(REDACTED_KEYS.map((key) => [key, secret(key)]));
    log('info', 'fields', { ...fields, nested: { deeper: [{ ...fields }] }, headers: { Authorization: secret('auth'), Cookie: secret('cookie') } }, logger);
    log(
      'error',
      'failed for ada@example.test with Bearer abc.DEF-123 eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl at https://app.example.test/cb?code=SECRETCODE&state=xyz and postgresql://tessera:pw-SECRET@db:5432/x',
      { err: new Error('token refresh_token=SECRETRT for bob@example.test') },
      logger,
    );
    const text = JSON.stringify(lines);
    for (const key of REDACTED_KEYS) expect(text).not.toContain(secret(key));
    for (const leaked of [secret('auth'), secret('cookie'), 'ada@example.test', 'bob@example.test', 'abc.DEF-123', 'eyJhbGciOiJSUzI1NiJ9', 'SECRETCODE', 'pw-SECRET', 'SECRETRT']) {
      expect(text).not.toContain(leaked);
    }
    expect(lines[0]).toMatchObject({ password: '[redacted]', nested: { deeper: [{ email: '[redacted]' }] } });
    expect(lines[1]!.msg).toContain('https://app.example.test/cb?code=[redacted]');
  });

  it('turns a console call into a message, fields and an error', () => {
    const error = new Error('boom');
    expect(consoleLine(['[tessera] could not %s', 'write', { table: 'x' }, error])).toEqual({ message: '[tessera] could not write', fields: { table: 'x', err: error } });
  });
});

describe('request telemetry (npm run serve)', () => {
  it('gives each request an ID, logs it with route, status and duration, and counts it', async () => {
    const server = http.createServer((req, res) =>
      instrumentRequest(req, res, () => {
        res.statusCode = req.url?.startsWith('/missing') ? 404 : 201;
        res.end('ok');
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const first = await fetch(`${base}/api/v1/users/3f2c1d4e-1111-4222-8333-944455556666?code=SECRET`);
      expect(first.status).toBe(201);
      expect(first.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const echoed = await fetch(`${base}/identity/v1/sign-in`, { headers: { 'x-request-id': 'proxy-req-0001' } });
      expect(echoed.headers.get('x-request-id')).toBe('proxy-req-0001');
      const forged = await fetch(`${base}/identity/v1/sign-in`, { headers: { 'x-request-id': '<script>' } });
      expect(forged.headers.get('x-request-id')).not.toBe('<script>');
      await fetch(`${base}/missing/${'x'.repeat(30)}`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    overrideConfigForTesting({ metricsToken: 'm'.repeat(24) });
    const scrape = await (await metricsGET(new NextRequest('http://localhost:3999/metrics', { headers: { authorization: `Bearer ${'m'.repeat(24)}` } }))).text();
    expect(scrape).toMatch(/tessera_http_requests_total\{method="GET",route="\/api\/v1\/users\/:id",status="201"\} 1/);
    expect(scrape).toMatch(/tessera_http_requests_total\{method="GET",route="unmatched",status="404"\} 1/);
    expect(scrape).toMatch(/tessera_http_request_duration_seconds_bucket\{le="[\d.]+",method="GET",route="\/identity\/v1\/sign-in"\}/);
    expect(scrape).not.toContain('SECRET');
    expect(routeOf('/api/v1/apps/abcdefghijklmnopqrstuvwxyz012345/secret?x=1')).toBe('/api/v1/apps/:id/secret');
  });
});

describe('GET /metrics', () => {
  const scrape = (authorization?: string) => metricsGET(new NextRequest('http://localhost:3999/metrics', { headers: authorization ? { authorization } : {} }));

  it('does not exist without METRICS_TOKEN, refuses a wrong token, and serves the listed series with the right one', async () => {
    overrideConfigForTesting({ metricsToken: undefined });
    expect((await scrape('Bearer whatever-whatever-whatever')).status).toBe(404);
    const token = 'metrics-token-0123456789';
    overrideConfigForTesting({ metricsToken: token });
    expect((await scrape()).status).toBe(401);
    expect((await scrape(`Bearer ${token}x`)).status).toBe(401);

    count((m) => {
      m.signIns.inc({ method: 'password', result: 'success' });
      m.tokensIssued.inc({ grant_type: 'client_credentials' });
      m.rateLimitHits.inc({ kind: 'account_locked' });
    });
    const response = await scrape(`Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    for (const series of [
      'tessera_http_requests_total',
      'tessera_http_request_duration_seconds',
      'tessera_sign_ins_total{method="password",result="success"}',
      'tessera_tokens_issued_total{grant_type="client_credentials"}',
      'tessera_rate_limit_hits_total{kind="account_locked"}',
      'tessera_db_pool_connections{state="total"}',
      'tessera_process_cpu_seconds_total',
    ]) {
      expect(text).toContain(series);
    }
  });
});
