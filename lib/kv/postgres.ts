import { db, type PrismaClient } from '@/lib/db';
import { assertWindow, expiryFromTtl, LIST_LIMIT, type CounterEntry, type CounterStore, type CounterValue } from './types';

// Counters in the rate_limit_counters table (prisma model RateLimitCounter). The SQL names the
// table without a schema: lib/db sets search_path to DATABASE_SCHEMA on every connection, so
// raw queries land in the same schema as Prisma's own (each test file's t_<random> schema).
//
// "No expiry" is stored as a far-future timestamp (the column is NOT NULL and Prisma cannot
// read 'infinity'). Remaining time is computed by the database (expiresAt - now()) and turned
// into a Date on our clock, so clock skew between app and database does not matter.

type Row = { count: number; ttlMs: number | null };
type ListRow = Row & { key: string };

export interface PostgresCounterStoreOptions {
  /** Probability that an increment also deletes a batch of expired rows (default 0.01). */
  cleanupProbability?: number;
  /** Rows deleted per cleanup (default 500). */
  cleanupBatch?: number;
}

export function createPostgresCounterStore(client: PrismaClient = db, options: PostgresCounterStoreOptions = {}): PostgresCounterStore {
  return new PostgresCounterStore(client, options);
}

export class PostgresCounterStore implements CounterStore {
  readonly kind = 'postgres' as const;
  private readonly cleanupProbability: number;
  private readonly cleanupBatch: number;

  constructor(
    private readonly client: PrismaClient,
    options: PostgresCounterStoreOptions = {},
  ) {
    this.cleanupProbability = options.cleanupProbability ?? 0.01;
    this.cleanupBatch = options.cleanupBatch ?? 500;
  }

  async increment(key: string, windowSeconds: number): Promise<CounterValue> {
    const windowMs = assertWindow(windowSeconds);
    // One statement: the row lock of ON CONFLICT serializes concurrent hits on one key. Every SET
    // expression sees the old row (c.*). A counter without expiry gets one if a later hit brings
    // a window (same as the Redis store).
    const rows = await this.client.$queryRaw<Row[]>`
      INSERT INTO "rate_limit_counters" AS c ("key", "count", "expiresAt")
      VALUES (
        ${key},
        1,
        CASE WHEN ${windowMs}::float8 > 0
          THEN now() + ${windowMs}::float8 * INTERVAL '1 millisecond'
          ELSE TIMESTAMPTZ '9999-12-31 00:00:00+00' END
      )
      ON CONFLICT ("key") DO UPDATE SET
        "count" = CASE WHEN c."expiresAt" <= now() THEN 1 ELSE LEAST(c."count", 2147483646) + 1 END,
        "expiresAt" = CASE
          WHEN c."expiresAt" <= now() THEN EXCLUDED."expiresAt"
          WHEN c."expiresAt" >= TIMESTAMPTZ '9999-12-31 00:00:00+00' THEN EXCLUDED."expiresAt"
          ELSE c."expiresAt" END
      RETURNING "count",
        CASE WHEN "expiresAt" >= TIMESTAMPTZ '9999-12-31 00:00:00+00' THEN NULL
          ELSE (EXTRACT(EPOCH FROM "expiresAt" - now()) * 1000)::float8 END AS "ttlMs"`;
    const row = rows[0]!;
    if (this.cleanupProbability > 0 && Math.random() < this.cleanupProbability) await this.purgeExpired().catch(logCleanupError);
    return toValue(row);
  }

  async decrement(key: string): Promise<void> {
    await this.client.$executeRaw`
      UPDATE "rate_limit_counters" SET "count" = "count" - 1
      WHERE "key" = ${key} AND "count" > 0 AND "expiresAt" > now()`;
  }

  async get(key: string): Promise<CounterValue | null> {
    const rows = await this.client.$queryRaw<Row[]>`
      SELECT "count",
        CASE WHEN "expiresAt" >= TIMESTAMPTZ '9999-12-31 00:00:00+00' THEN NULL
          ELSE (EXTRACT(EPOCH FROM "expiresAt" - now()) * 1000)::float8 END AS "ttlMs"
      FROM "rate_limit_counters" WHERE "key" = ${key} AND "expiresAt" > now()`;
    return rows[0] ? toValue(rows[0]) : null;
  }

  async reset(key: string): Promise<void> {
    await this.client.$executeRaw`DELETE FROM "rate_limit_counters" WHERE "key" = ${key}`;
  }

  async list(prefix: string, limit = LIST_LIMIT): Promise<CounterEntry[]> {
    const rows = await this.client.$queryRaw<ListRow[]>`
      SELECT "key", "count",
        CASE WHEN "expiresAt" >= TIMESTAMPTZ '9999-12-31 00:00:00+00' THEN NULL
          ELSE (EXTRACT(EPOCH FROM "expiresAt" - now()) * 1000)::float8 END AS "ttlMs"
      FROM "rate_limit_counters"
      WHERE starts_with("key", ${prefix}) AND "expiresAt" > now()
      ORDER BY "key" COLLATE "C"
      LIMIT ${Math.max(1, Math.floor(limit))}::int`;
    return rows.map((row) => ({ key: row.key, ...toValue(row) }));
  }

  /**
   * Deletes up to one batch of expired rows; returns how many. SKIP LOCKED leaves rows that a
   * concurrent increment holds, and the repeated condition keeps a row that such an increment
   * has just renewed.
   */
  async purgeExpired(batch = this.cleanupBatch): Promise<number> {
    return this.client.$executeRaw`
      DELETE FROM "rate_limit_counters"
      WHERE "expiresAt" <= now() AND "key" IN (
        SELECT "key" FROM "rate_limit_counters" WHERE "expiresAt" <= now()
        LIMIT ${Math.max(1, Math.floor(batch))}::int FOR UPDATE SKIP LOCKED
      )`;
  }
}

function toValue(row: Row): CounterValue {
  return { count: Number(row.count), expiresAt: expiryFromTtl(row.ttlMs === null ? null : Number(row.ttlMs)) };
}

function logCleanupError(error: unknown) {
  console.warn('[tessera] rate-limit counter cleanup failed', error);
}
