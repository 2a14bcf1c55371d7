// Shared counters for rate limits and lockouts (data layer; lib/rate-limit builds on it).
//   REDIS_URL set   -> Redis (keys prefixed with REDIS_KEY_PREFIX, default "tessera:"); while Redis
//                      is down, the PostgreSQL table (lib/kv/fallback.ts)
//   otherwise       -> the rate_limit_counters table in PostgreSQL
// Either way the counters are shared by every instance: nothing lives in process memory.
import type { Redis } from 'ioredis';
import { config } from '@/lib/config';
import { createPostgresCounterStore } from './postgres';
import { FallbackCounterStore } from './fallback';
import { createRedisClient, RedisCounterStore } from './redis';
import type { CounterStore } from './types';

export type { CounterEntry, CounterStore, CounterValue } from './types';
export { createPostgresCounterStore, PostgresCounterStore } from './postgres';
export { createRedisClient, RedisCounterStore } from './redis';
export { FallbackCounterStore } from './fallback';

// Like lib/db: outside production the Redis client lives on globalThis so Next's hot reload does
// not open a connection per reload. Keyed by URL so a changed configuration gets a new client.
type Cached = { url: string; client: Redis };
const globalCache = globalThis as typeof globalThis & { __tesseraRedis?: Cached };
let moduleCache: Cached | undefined;
const cachesOnGlobal = () => process.env.NODE_ENV !== 'production';

/** The process's Redis connection for REDIS_URL (shared with the counters; readiness pings it). */
export function sharedRedisClient(url: string): Redis {
  return sharedRedis(url);
}

function sharedRedis(url: string): Redis {
  const cached = cachesOnGlobal() ? globalCache.__tesseraRedis : moduleCache;
  if (cached?.url === url) return cached.client;
  if (cached) void cached.client.quit().catch(() => undefined);
  const entry = { url, client: createRedisClient(url) };
  if (cachesOnGlobal()) globalCache.__tesseraRedis = entry;
  else moduleCache = entry;
  return entry.client;
}

let postgresStore: CounterStore | undefined;

/** The configured counter store (cheap to call: clients are shared). */
export function counterStore(): CounterStore {
  const { redisUrl, redisKeyPrefix } = config();
  postgresStore ??= createPostgresCounterStore();
  if (!redisUrl) return postgresStore;
  const redis = sharedRedis(redisUrl);
  return new FallbackCounterStore(redis, new RedisCounterStore(redis, redisKeyPrefix), postgresStore);
}

/** Closes the shared Redis connection if one was opened (shutdown, end of a test file). */
export async function disconnectCounterStore(): Promise<void> {
  const entry = cachesOnGlobal() ? globalCache.__tesseraRedis : moduleCache;
  if (!entry) return;
  if (cachesOnGlobal()) delete globalCache.__tesseraRedis;
  else moduleCache = undefined;
  await entry.client.quit().catch(() => entry.client.disconnect());
}
