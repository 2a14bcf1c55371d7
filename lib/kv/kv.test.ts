import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { counterStore, disconnectCounterStore } from './index';
import { createPostgresCounterStore } from './postgres';
import { connectTestRedis } from './testing';
import type { CounterStore } from './types';

const redis = await connectTestRedis();
if ('unavailable' in redis) console.warn(`[kv.test] ${redis.unavailable}`);

afterAll(async () => {
  if (!('unavailable' in redis)) await redis.cleanup();
  await disconnectCounterStore();
  resetConfigForTesting();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const key = () => `test:${randomUUID()}`;

const stores: Array<[string, () => CounterStore | null]> = [
  ['postgres', () => createPostgresCounterStore(undefined, { cleanupProbability: 0 })],
  ['redis', () => ('unavailable' in redis ? null : redis.store)],
];

describe.each(stores)('%s counter store', (name, make) => {
  const maybeStore = make();
  const run = maybeStore ? it : it.skip;
  const store = maybeStore!;

  run('counts from 1 and sets the expiry on the first hit only', async () => {
    const k = key();
    const before = Date.now();
    const first = await store.increment(k, 60);
    expect(first.count).toBe(1);
    expect(first.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 59_000);
    expect(first.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 60_000 + 50);
    await sleep(400);
    const second = await store.increment(k, 60);
    expect(second.count).toBe(2);
    // fixed window: the second hit does not push the expiry out (that would add ~400 ms; the
    // rest is round-trip noise, which only ever makes an expiry look later)
    expect(second.expiresAt!.getTime()).toBeLessThan(first.expiresAt!.getTime() + 150);
    expect(await store.get(k)).toMatchObject({ count: 2 });
  });

  run('is atomic under 50 concurrent increments', async () => {
    const k = key();
    const results = await Promise.all(Array.from({ length: 50 }, () => store.increment(k, 60)));
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect((await store.get(k))!.count).toBe(50);
  });

  run('decrement takes one back from a live counter, never below 0, keeping its expiry; a missing key stays missing', async () => {
    const k = key();
    const first = await store.increment(k, 60);
    await store.increment(k, 60);
    await store.decrement(k);
    expect(await store.get(k)).toMatchObject({ count: 1 });
    expect((await store.get(k))!.expiresAt!.getTime()).toBeLessThan(first.expiresAt!.getTime() + 150);
    await store.decrement(k);
    await store.decrement(k);
    expect((await store.get(k))!.count).toBe(0);
    const missing = key();
    await store.decrement(missing);
    expect(await store.get(missing)).toBeNull();
    expect((await store.increment(missing, 60)).count).toBe(1);
  });

  run('starts a new window after the expiry', async () => {
    const k = key();
    await store.increment(k, 0.5);
    await store.increment(k, 0.5);
    expect((await store.get(k))!.count).toBe(2);
    await sleep(700);
    expect(await store.get(k)).toBeNull();
    expect(await store.list(k)).toEqual([]);
    const renewed = await store.increment(k, 0.5);
    expect(renewed.count).toBe(1);
    expect(renewed.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 300);
  });

  run('window 0 never expires; a later window gives it one', async () => {
    const k = key();
    expect(await store.increment(k, 0)).toEqual({ count: 1, expiresAt: null });
    expect(await store.increment(k, 0)).toEqual({ count: 2, expiresAt: null });
    expect(await store.get(k)).toEqual({ count: 2, expiresAt: null });
    const windowed = await store.increment(k, 30);
    expect(windowed.count).toBe(3);
    expect(windowed.expiresAt).not.toBeNull();
  });

  run('get of a missing key is null; reset deletes', async () => {
    const k = key();
    expect(await store.get(k)).toBeNull();
    await store.increment(k, 60);
    await store.reset(k);
    expect(await store.get(k)).toBeNull();
    await store.reset(k); // idempotent
    expect((await store.increment(k, 60)).count).toBe(1);
  });

  run('lists live counters by literal prefix', async () => {
    const base = `list:${randomUUID()}:a*b?[x]%_`;
    await store.increment(`${base}:1.2.3.4`, 60);
    await store.increment(`${base}:1.2.3.4`, 60);
    await store.increment(`${base}:2001:db8::1`, 0);
    await store.increment(`${base}:`, 60);
    await store.increment(`${base.replace('*', 'X')}:9.9.9.9`, 60); // glob/LIKE lookalike
    await store.increment(`${base}:gone`, 0.2);
    await sleep(300);
    const listed = await store.list(`${base}:`);
    expect(listed.map(({ key, count }) => ({ key, count }))).toEqual([
      { key: `${base}:`, count: 1 },
      { key: `${base}:1.2.3.4`, count: 2 },
      { key: `${base}:2001:db8::1`, count: 1 },
    ]);
    expect(listed[2]!.expiresAt).toBeNull();
    expect(listed[0]!.expiresAt).toBeInstanceOf(Date);
    expect(await store.list(`${base}:`, 1)).toHaveLength(1);
  });

  run('rejects a negative window', async () => {
    await expect(store.increment(key(), -1)).rejects.toThrow(RangeError);
  });
});

describe('postgres counter store internals', () => {
  it('writes to the table in the current schema and purges expired rows', async () => {
    const store = createPostgresCounterStore(undefined, { cleanupProbability: 0 });
    const live = key();
    const dead = key();
    await store.increment(live, 60);
    await store.increment(dead, 0.1);
    await sleep(200);
    // Prisma's model and the raw SQL see the same table (the test file's own schema)
    expect(await db.rateLimitCounter.count({ where: { key: { in: [live, dead] } } })).toBe(2);
    expect(await store.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await db.rateLimitCounter.findMany({ where: { key: { in: [live, dead] } }, select: { key: true } })).toEqual([{ key: live }]);
  });

  it('cleans up opportunistically during increments', async () => {
    const store = createPostgresCounterStore(undefined, { cleanupProbability: 1 });
    const dead = key();
    await store.increment(dead, 0.1);
    await sleep(200);
    await store.increment(key(), 60);
    expect(await db.rateLimitCounter.findUnique({ where: { key: dead } })).toBeNull();
  });
});

describe('counterStore()', () => {
  it('is PostgreSQL without REDIS_URL', () => {
    overrideConfigForTesting({ redisUrl: undefined });
    expect(counterStore().kind).toBe('postgres');
  });

  (('unavailable' in redis) ? it.skip : it)('is Redis with REDIS_URL, under REDIS_KEY_PREFIX', async () => {
    if ('unavailable' in redis) return;
    overrideConfigForTesting({ redisUrl: redis.url, redisKeyPrefix: redis.keyPrefix });
    const store = counterStore();
    expect(store.kind).toBe('redis');
    const k = key();
    await store.increment(k, 60);
    expect(await redis.client.get(`${redis.keyPrefix}${k}`)).toBe('1');
    expect(await redis.client.pttl(`${redis.keyPrefix}${k}`)).toBeGreaterThan(59_000);
  });
});
