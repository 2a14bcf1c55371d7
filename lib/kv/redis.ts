import { Redis } from 'ioredis';
import { assertWindow, expiryFromTtl, LIST_LIMIT, type CounterEntry, type CounterStore, type CounterValue } from './types';

// Counters in Redis under `<keyPrefix><key>`. Increment is one Lua script (INCR, then PEXPIRE
// only when the key has no expiry yet, i.e. "EXPIRE NX"), so a window's expiry is set by its
// first hit and a crash can never leave a counter without its expiry.

const INCREMENT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
local window = tonumber(ARGV[1])
if window > 0 and ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], window)
  ttl = window
end
return {count, ttl}`;

// DECR only a live, positive counter: DECR on a missing key would create one without expiry.
const DECREMENT = `
local value = tonumber(redis.call('GET', KEYS[1]))
if value and value > 0 then redis.call('DECR', KEYS[1]) end
return 0`;

const READ = `
local value = redis.call('GET', KEYS[1])
if not value then return false end
return {tonumber(value), redis.call('PTTL', KEYS[1])}`;

type RedisWithCommands = Redis & {
  tesseraIncrement(key: string, windowMs: number): Promise<[number, number]>;
  tesseraRead(key: string): Promise<[number, number] | null>;
  tesseraDecrement(key: string): Promise<number>;
};

/** A Redis client for REDIS_URL with short retries: a request fails instead of hanging when Redis is down. */
export function createRedisClient(url: string): Redis {
  const client = new Redis(url, {
    maxRetriesPerRequest: 2,
    connectTimeout: 5_000,
    // reconnect with a capped backoff; commands issued meanwhile fail after the retries above
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let lastLogged = 0;
  client.on('error', (error: Error) => {
    // without a listener ioredis prints every reconnect failure; log at most once a minute
    if (Date.now() - lastLogged > 60_000) {
      lastLogged = Date.now();
      console.error('[tessera] Redis (REDIS_URL) error:', error.message);
    }
  });
  return client;
}

export class RedisCounterStore implements CounterStore {
  readonly kind = 'redis' as const;
  private readonly redis: RedisWithCommands;

  /** `keyPrefix` (REDIS_KEY_PREFIX) is prepended to every key and stripped from list() results. */
  constructor(
    redis: Redis,
    private readonly keyPrefix: string,
  ) {
    if (!('tesseraIncrement' in redis)) {
      redis.defineCommand('tesseraIncrement', { numberOfKeys: 1, lua: INCREMENT });
      redis.defineCommand('tesseraRead', { numberOfKeys: 1, lua: READ });
      redis.defineCommand('tesseraDecrement', { numberOfKeys: 1, lua: DECREMENT });
    }
    this.redis = redis as RedisWithCommands;
  }

  async increment(key: string, windowSeconds: number): Promise<CounterValue> {
    const windowMs = assertWindow(windowSeconds);
    const [count, ttl] = await this.redis.tesseraIncrement(this.keyPrefix + key, windowMs);
    return { count: Number(count), expiresAt: expiryFromTtl(ttl < 0 ? null : Number(ttl)) };
  }

  async decrement(key: string): Promise<void> {
    await this.redis.tesseraDecrement(this.keyPrefix + key);
  }

  async get(key: string): Promise<CounterValue | null> {
    const result = await this.redis.tesseraRead(this.keyPrefix + key);
    if (!result) return null;
    const [count, ttl] = result;
    if (ttl === -2) return null;
    return { count: Number(count), expiresAt: expiryFromTtl(ttl < 0 ? null : Number(ttl)) };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.keyPrefix + key);
  }

  async list(prefix: string, limit = LIST_LIMIT): Promise<CounterEntry[]> {
    const match = `${escapeGlob(this.keyPrefix + prefix)}*`;
    const keys = new Set<string>();
    let cursor = '0';
    do {
      const [next, batch] = await this.redis.scan(cursor, 'MATCH', match, 'COUNT', 500);
      cursor = next;
      for (const key of batch) keys.add(key);
    } while (cursor !== '0' && keys.size < limit);
    const sorted = [...keys].sort().slice(0, limit);
    if (sorted.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const key of sorted) pipeline.get(key).pttl(key);
    const replies = (await pipeline.exec()) ?? [];
    const entries: CounterEntry[] = [];
    sorted.forEach((key, index) => {
      const [getError, value] = replies[index * 2] ?? [];
      const [ttlError, ttl] = replies[index * 2 + 1] ?? [];
      if (getError) throw getError;
      if (ttlError) throw ttlError;
      if (value === null || value === undefined || ttl === -2) return; // expired between SCAN and GET
      const ttlMs = Number(ttl);
      entries.push({ key: key.slice(this.keyPrefix.length), count: Number(value), expiresAt: expiryFromTtl(ttlMs < 0 ? null : ttlMs) });
    });
    return entries;
  }
}

/** Escapes Redis glob metacharacters so a prefix matches literally. */
export function escapeGlob(value: string): string {
  return value.replace(/[\\*?[\]^]/g, (char) => `\\${char}`);
}
