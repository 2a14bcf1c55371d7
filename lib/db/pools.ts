// The connection pools this process opened (one per lib/db copy in Next's bundles, plus scripts'),
// for the pool-usage metric. On globalThis for the same reason as lib/db/availability.
import type pg from 'pg';

const KEY = Symbol.for('tessera.databasePools');

function pools(): Set<pg.Pool> {
  const holder = globalThis as typeof globalThis & { [KEY]?: Set<pg.Pool> };
  holder[KEY] ??= new Set();
  return holder[KEY];
}

export function trackPool(pool: pg.Pool): () => void {
  pools().add(pool);
  return () => void pools().delete(pool);
}

export function databasePoolStats(): { total: number; idle: number; waiting: number } {
  let total = 0;
  let idle = 0;
  let waiting = 0;
  for (const pool of pools()) {
    total += pool.totalCount;
    idle += pool.idleCount;
    waiting += pool.waitingCount;
  }
  return { total, idle, waiting };
}
