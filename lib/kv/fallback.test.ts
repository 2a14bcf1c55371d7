// Redis down: the rate-limit and lockout counters fall back to PostgreSQL with a warning, and
// sign-ins go on. The outage is this file's own: its Redis connection goes through a TCP proxy that
// the test takes down and brings back (the machine's Redis is never stopped).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { listLockedIps } from '@/lib/rate-limit';
import { makeUser } from '@/lib/testing/factories';
import { startTcpProxy, targetOf, type TcpProxy } from '@/lib/testing/tcp-proxy';
import { authenticateWithPassword } from '@/lib/users/service';
import { counterStore, disconnectCounterStore, sharedRedisClient } from './index';
import { TEST_REDIS_URL } from './testing';

let redisProxy: TcpProxy;
const keyPrefix = `tessera-test:${randomBytes(6).toString('hex')}:`;

beforeAll(async () => {
  redisProxy = await startTcpProxy(targetOf(TEST_REDIS_URL));
  overrideConfigForTesting({ redisUrl: redisProxy.via(TEST_REDIS_URL), redisKeyPrefix: keyPrefix, accountLockoutThreshold: 3, trustedProxyHeader: '' });
});

afterAll(async () => {
  await redisProxy.up();
  const client = sharedRedisClient(redisProxy.via(TEST_REDIS_URL));
  const keys = await client.keys(`${keyPrefix}*`);
  if (keys.length) await client.del(...keys);
  await disconnectCounterStore();
  await redisProxy.close();
  resetConfigForTesting();
});

const failure = (email: string) => authenticateWithPassword(email, 'wrong-password').then(() => 'ok', (error: { code?: string }) => error.code);

describe('Redis outage', () => {
  it('counts in Redis while it answers, in PostgreSQL with a warning while it is down, and in Redis again when it is back', { timeout: 30_000 }, async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const before = await makeUser();
    expect(await failure(before.email!)).toBe('invalid_credentials');
    const redis = sharedRedisClient(redisProxy.via(TEST_REDIS_URL));
    expect(await redis.keys(`${keyPrefix}*`)).not.toEqual([]);
    expect(counterStore().kind).toBe('redis');
    expect(await db.rateLimitCounter.count()).toBe(0);

    await redisProxy.down();
    await vi.waitFor(() => expect(redis.status).not.toBe('ready'), { timeout: 5_000 });

    // sign-ins keep working: a right password signs in, wrong ones are counted (in PostgreSQL) up to the lockout
    const user = await makeUser();
    const started = performance.now();
    expect((await authenticateWithPassword(user.email!, user.password)).id).toBe(user.id);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(counterStore().kind).toBe('postgres');
    for (let attempt = 0; attempt < 3; attempt++) expect(await failure(user.email!)).toBe('invalid_credentials');
    expect(await failure(user.email!)).toBe('account_locked');
    expect(await listLockedIps(user.email!)).toEqual(['']);
    expect(await db.rateLimitCounter.count()).toBeGreaterThan(0);
    const warnings = warn.mock.calls.map((call) => String(call[0])).filter((message) => message.includes('fall back to PostgreSQL'));
    expect(warnings).toHaveLength(1); // once a minute, not once per request
    expect(warnings[0]).toMatch(/^\[tessera\] Redis \(REDIS_URL\) unavailable \(.+\): rate-limit and lockout counters fall back to PostgreSQL$/);

    await redisProxy.up();
    await vi.waitFor(() => expect(redis.status).toBe('ready'), { timeout: 10_000, interval: 100 });
    expect(counterStore().kind).toBe('redis');
    const after = await makeUser();
    const keysBefore = (await redis.keys(`${keyPrefix}*`)).length;
    expect(await failure(after.email!)).toBe('invalid_credentials');
    expect((await redis.keys(`${keyPrefix}*`)).length).toBeGreaterThan(keysBefore);
    warn.mockRestore();
  });
});
