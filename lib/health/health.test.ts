// /healthz, /readyz and what a database or Redis outage does to requests. The outage is real but
// private: this file's database (and Redis) connections go through a TCP proxy that the test takes
// down (connections refused, as when PostgreSQL is stopped), hangs (accepted, never answered) and
// brings back; the machine's shared services are never touched.
import { NextRequest } from 'next/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as healthz } from '@/app/healthz/route';
import { POST as tokenPOST } from '@/app/oauth2/v1/token/route';
import { GET as readyz } from '@/app/readyz/route';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { disconnectDb } from '@/lib/db';
import { databaseAvailability, PROBE_INTERVAL_MS, resetDatabaseAvailabilityForTesting } from '@/lib/db/availability';
import { disconnectCounterStore } from '@/lib/kv';
import { ensureSeeded } from '@/lib/testing/factories';
import { startTcpProxy, targetOf, type TcpProxy } from '@/lib/testing/tcp-proxy';
import { proxy as pageProxy } from '@/proxy';
import fr from '@/messages/fr/operations.json';

const ISSUER = 'http://localhost:3999';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let databaseProxy: TcpProxy;
let directUrl: string;

beforeAll(async () => {
  await ensureSeeded();
  directUrl = process.env.DATABASE_URL!;
  databaseProxy = await startTcpProxy(targetOf(directUrl));
  await disconnectDb();
  process.env.DATABASE_URL = databaseProxy.via(directUrl);
});

afterEach(async () => {
  await databaseProxy.up();
  resetConfigForTesting();
  await disconnectCounterStore();
});

afterAll(async () => {
  await disconnectDb();
  process.env.DATABASE_URL = directUrl;
  await databaseProxy.close();
  resetDatabaseAvailabilityForTesting();
});

/** A token request that needs the database: the refresh token is looked up by its hash. */
function refreshRequest() {
  return tokenPOST(
    new NextRequest(`${ISSUER}/oauth2/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'x'.repeat(43), client_id: 'no-such-client' }),
    }),
  );
}

async function timedRefresh() {
  const started = performance.now();
  const response = await refreshRequest();
  return { response, ms: performance.now() - started, body: (await response.json()) as Record<string, unknown> };
}

function page(path: string, accept = 'text/html,application/xhtml+xml') {
  return pageProxy(new NextRequest(`${ISSUER}${path}`, { headers: { accept } }));
}

/** The probe brings the state back without any request (self-recovery). */
async function waitUntilUp() {
  const started = performance.now();
  await vi.waitFor(() => expect(databaseAvailability().up).toBe(true), { timeout: 5_000, interval: 50 });
  return performance.now() - started;
}

describe('health endpoints', () => {
  it('/healthz answers without I/O; /readyz checks the database (and Redis when configured) and names what failed', async () => {
    const live = await healthz();
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ status: 'ok', uptimeSeconds: expect.any(Number) });

    const ready = await readyz();
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: { ok: true, ms: expect.any(Number) } } });

    const redisProxy = await startTcpProxy(targetOf(REDIS_URL));
    try {
      overrideConfigForTesting({ redisUrl: redisProxy.via(REDIS_URL) });
      const withRedis = await readyz();
      expect(withRedis.status).toBe(200);
      expect(((await withRedis.json()) as { checks: object }).checks).toEqual({ database: { ok: true, ms: expect.any(Number) }, redis: { ok: true, ms: expect.any(Number) } });

      await redisProxy.down();
      const started = performance.now();
      const redisDown = await readyz();
      expect(performance.now() - started).toBeLessThan(1_500);
      expect(redisDown.status).toBe(503);
      expect(await redisDown.json()).toMatchObject({
        status: 'unavailable',
        error: 'service_unavailable',
        checks: { database: { ok: true }, redis: { ok: false, error: expect.any(String) } },
      });
    } finally {
      await disconnectCounterStore();
      await redisProxy.close();
    }
  });
});

describe('database outage', () => {
  it('answers 503 service_unavailable at once while the database refuses connections, a localized page on hosted routes, and recovers by itself', async () => {
    expect((await timedRefresh()).body.error).toBe('invalid_grant'); // the database answers: an unknown refresh token

    await databaseProxy.down();
    const refused = await timedRefresh();
    expect(refused.response.status).toBe(503);
    expect(refused.response.headers.get('retry-after')).toBe('5');
    expect(refused.body).toMatchObject({ error: 'service_unavailable' });
    expect(JSON.stringify(refused.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|prisma/i);
    expect(refused.ms).toBeLessThan(2_000);
    expect(databaseAvailability().up).toBe(false);

    const notReady = await readyz();
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ status: 'unavailable', checks: { database: { ok: false, error: expect.any(String) } } });
    expect((await healthz()).status).toBe(200);

    // hosted pages: the localized 503 page straight from the proxy, without waiting for the database
    const signIn = page('/identity/v1/sign-in?locale=fr');
    expect(signIn.status).toBe(503);
    expect(signIn.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await signIn.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain(fr.serviceUnavailable.heading.replace("'", '&#39;'));
    expect(html).toContain('service_unavailable');
    // JSON endpoints behind the proxy reach their handlers (which answer 503 in JSON)
    expect(page('/identity/v1/sign-in', 'application/json').status).toBe(200);

    await databaseProxy.up();
    const recoveredIn = await waitUntilUp();
    expect(recoveredIn).toBeLessThan(PROBE_INTERVAL_MS * 4);
    expect((await readyz()).status).toBe(200);
    expect((await timedRefresh()).body.error).toBe('invalid_grant');
    expect(page('/identity/v1/sign-in?locale=fr').status).toBe(200);
  });

  it('fails within 2 s when the database accepts connections but never answers, then recovers', async () => {
    await databaseProxy.hang();
    const hung = await timedRefresh();
    expect(hung.response.status).toBe(503);
    expect(hung.body).toMatchObject({ error: 'service_unavailable' });
    // the pooled connection died with the outage; the next request must open a new one, which
    // never completes: the connect timeout (2 s) ends it. The slack is for a loaded two-core machine.
    const waited = await timedRefresh();
    expect(waited.response.status).toBe(503);
    expect(waited.body).toMatchObject({ error: 'service_unavailable' });
    expect(waited.ms).toBeGreaterThan(1_500);
    expect(waited.ms).toBeLessThan(2_800);
    expect(hung.ms).toBeLessThan(2_800);

    await databaseProxy.up();
    await waitUntilUp();
    expect((await timedRefresh()).body.error).toBe('invalid_grant');
  });
});
