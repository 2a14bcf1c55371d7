import type { Redis } from 'ioredis';
import { LIST_LIMIT, type CounterEntry, type CounterStore, type CounterValue } from './types';

// Redis is optional and only speeds counters up: when it is down, sign-ins must go on. While the
// Redis connection is lost, or a command fails, the counters live in PostgreSQL (the same
// table as without REDIS_URL), with a warning at most once a minute. When Redis is back they move
// back to it. Counts made during the outage stay in PostgreSQL and are not added to Redis': a
// limit can be exceeded by at most one window's count once, on each side of an outage.

export const FALLBACK_WARNING_INTERVAL_MS = 60_000;
// per process, not per store object (lib/kv builds one per call)
let lastWarning = 0;

export class FallbackCounterStore implements CounterStore {
  constructor(
    private readonly redis: Redis,
    private readonly primary: CounterStore,
    private readonly fallback: CounterStore,
    private readonly warn: (message: string) => void = (message) => console.warn(message),
  ) {}

  /** The store that holds counters right now. */
  get kind(): CounterStore['kind'] {
    return this.redisReady() ? this.primary.kind : this.fallback.kind;
  }

  /**
   * False once a connection was lost and ioredis is reconnecting (or gave up): commands would only
   * wait for their retries. While the first connection is being made, commands go to Redis
   * (ioredis queues them) and fall back only if they fail.
   */
  private redisReady(): boolean {
    return !['reconnecting', 'close', 'end'].includes(this.redis.status);
  }

  private async use<T>(operation: (store: CounterStore) => Promise<T>): Promise<T> {
    if (this.redisReady()) {
      try {
        return await operation(this.primary);
      } catch (error) {
        this.warnFallback(error);
      }
    } else {
      this.warnFallback(new Error(`connection ${this.redis.status}`));
    }
    return operation(this.fallback);
  }

  private warnFallback(error: unknown) {
    if (Date.now() - lastWarning < FALLBACK_WARNING_INTERVAL_MS) return;
    lastWarning = Date.now();
    const reason = error instanceof Error ? error.message : String(error);
    this.warn(`[tessera] Redis (REDIS_URL) unavailable (${reason}): rate-limit and lockout counters fall back to PostgreSQL`);
  }

  increment(key: string, windowSeconds: number): Promise<CounterValue> {
    return this.use((store) => store.increment(key, windowSeconds));
  }

  decrement(key: string): Promise<void> {
    return this.use((store) => store.decrement(key));
  }

  get(key: string): Promise<CounterValue | null> {
    return this.use((store) => store.get(key));
  }

  reset(key: string): Promise<void> {
    return this.use((store) => store.reset(key));
  }

  list(prefix: string, limit = LIST_LIMIT): Promise<CounterEntry[]> {
    return this.use((store) => store.list(prefix, limit));
  }
}
