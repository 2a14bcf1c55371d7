/** A counter's state. `expiresAt` is null for a counter without expiry (window 0). */
export interface CounterValue {
  count: number;
  expiresAt: Date | null;
}

export interface CounterEntry extends CounterValue {
  key: string;
}

/**
 * Fixed-window counters shared by every instance (rate limits, lockouts). Each operation is
 * atomic in the backing store, so concurrent requests on any number of instances count exactly.
 */
export interface CounterStore {
  /** Which backend holds the counters. */
  readonly kind: 'postgres' | 'redis';
  /**
   * Adds one and returns the new state. The first hit of a window sets its expiry
   * (`windowSeconds` from now; fractions allowed) and later hits do not move it; a hit after the
   * expiry starts a new window at 1. `windowSeconds` 0 means the counter never expires (until
   * reset).
   */
  increment(key: string, windowSeconds: number): Promise<CounterValue>;
  /**
   * Takes one back from a live counter (never below 0; its expiry stays): an attempt counted before
   * it was judged that turned out to be a success. Nothing happens to a missing or expired counter.
   */
  decrement(key: string): Promise<void>;
  /** The live counter, or null when it does not exist or has expired. */
  get(key: string): Promise<CounterValue | null>;
  /** Deletes the counter (no error if it does not exist). */
  reset(key: string): Promise<void>;
  /** Live counters whose key starts with `prefix`, ordered by key, at most `limit` (default 1000). */
  list(prefix: string, limit?: number): Promise<CounterEntry[]>;
}

export const LIST_LIMIT = 1000;

/** Remaining milliseconds (as measured by the store's own clock) to an absolute time on ours. */
export function expiryFromTtl(ttlMs: number | null): Date | null {
  return ttlMs === null ? null : new Date(Date.now() + Math.max(0, Math.ceil(ttlMs)));
}

export function assertWindow(windowSeconds: number): number {
  if (!Number.isFinite(windowSeconds) || windowSeconds < 0) throw new RangeError(`windowSeconds must be >= 0, got ${windowSeconds}`);
  return Math.ceil(windowSeconds * 1000);
}
