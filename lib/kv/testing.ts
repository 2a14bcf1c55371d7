// Test helper: a Redis counter store under a random key prefix on the local Redis
// (TEST_REDIS_URL, default redis://127.0.0.1:6379), or null with the reason when Redis does not answer.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisCounterStore, escapeGlob } from './redis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

export interface TestRedis {
  url: string;
  client: Redis;
  keyPrefix: string;
  store: RedisCounterStore;
  /** Deletes every key under the prefix and closes the connection. */
  cleanup(): Promise<void>;
}

export async function connectTestRedis(): Promise<TestRedis | { unavailable: string }> {
  const client = new Redis(TEST_REDIS_URL, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    return { unavailable: `Redis at ${TEST_REDIS_URL} does not answer (${(error as Error).message}): Redis counter tests skipped` };
  }
  const keyPrefix = `tessera-test:${randomBytes(6).toString('hex')}:`;
  return {
    url: TEST_REDIS_URL,
    client,
    keyPrefix,
    store: new RedisCounterStore(client, keyPrefix),
    async cleanup() {
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${escapeGlob(keyPrefix)}*`, 'COUNT', 500);
        cursor = next;
        if (keys.length) await client.del(...keys);
      } while (cursor !== '0');
      await client.quit();
    },
  };
}
