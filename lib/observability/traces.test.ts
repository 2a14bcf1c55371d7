// Traces: the registration instrumentation.ts makes (@vercel/otel with OTEL_EXPORTER_OTLP_ENDPOINT)
// exports spans over OTLP/HTTP to a collector; here a local receiver on 127.0.0.1 that records
// what it is sent.
import http from 'node:http';
import { trace } from '@opentelemetry/api';
import { registerOTel } from '@vercel/otel';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const received: { path: string; contentType: string; body: string }[] = [];
let receiver: http.Server;
let endpoint: string;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ path: req.url ?? '', contentType: String(req.headers['content-type']), body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

describe('OpenTelemetry export', () => {
  it('sends spans to OTEL_EXPORTER_OTLP_ENDPOINT over OTLP/HTTP with the service name', { timeout: 20_000 }, async () => {
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', endpoint);
    vi.stubEnv('OTEL_EXPORTER_OTLP_PROTOCOL', 'http/json');
    registerOTel({ serviceName: 'tessera-auth-test' });
    const span = trace.getTracer('tessera-test').startSpan('tessera.test-span', { attributes: { 'tessera.check': 'traces' } });
    span.end();
    const provider = trace.getTracerProvider() as { forceFlush?: () => Promise<void>; getDelegate?: () => { forceFlush?: () => Promise<void> } };
    await (provider.forceFlush?.() ?? provider.getDelegate?.().forceFlush?.());
    await vi.waitFor(() => expect(received.some((request) => request.body.includes('tessera.test-span'))).toBe(true), { timeout: 10_000, interval: 100 });
    const request = received.find((item) => item.body.includes('tessera.test-span'))!;
    expect(request.path).toBe('/v1/traces');
    expect(request.contentType).toMatch(/^application\/json/);
    expect(request.body).toContain('tessera-auth-test');
    expect(request.body).toContain('tessera.check');
    vi.unstubAllEnvs();
  });
});
