// The Prisma client of the app. Only services (lib/<capability>/) import this module.
//
// Configuration (read on first use, not at import, so `next build` and tests can import freely):
//   DATABASE_URL       postgresql://… (required; scripts/with-db.mjs provides the embedded one)
//   DATABASE_SCHEMA    Postgres schema holding the tables (default public)
//   DATABASE_POOL_MAX  connections in the pool (default 10; with-db sets 1 for the embedded
//                      server, which is a single Postgres session: see scripts/embedded-db.mjs)
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { Prisma, PrismaClient } from '@/lib/db/generated/client';
import { onShutdown } from '@/lib/lifecycle';
import { markDatabaseDown, markDatabaseUp, setDatabaseProbe } from './availability';
import { isDatabaseUnavailable } from './errors';
import { trackPool } from './pools';

export { Prisma, PrismaClient };
export type Tx = Prisma.TransactionClient;

export interface DbClientOptions {
  url: string;
  /** Postgres schema of the tables; default public. */
  schema?: string;
  /** Pool size; default 10. */
  poolMax?: number;
}

export interface TransactionOptions {
  /** How long to wait for a connection to start the transaction (ms). */
  maxWait?: number;
  /** How long the whole transaction may run before it is rolled back (ms). */
  timeout?: number;
  isolationLevel?: Prisma.TransactionIsolationLevel;
}

// Prisma's defaults (2 s / 5 s) are tight with a one-connection pool (embedded server), where a
// transaction waits for every request ahead of it; these still fail fast on a stuck transaction.
const TRANSACTION_DEFAULTS = { maxWait: 10_000, timeout: 15_000 } satisfies TransactionOptions;

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * How long opening ONE connection may take. A database that does not answer fails a request
 * within this time (503 service_unavailable) instead of hanging; a refused connection fails at once.
 * The embedded server (scripts/with-db.mjs marks it) answers a new connection only after the
 * statement sequences queued ahead of it, as one session serves every process: there a slow
 * answer is a busy queue on a loaded machine, not an outage.
 */
export const CONNECT_TIMEOUT_MS = process.env.TESSERA_EMBEDDED_DATABASE === '1' ? 10_000 : 2_000;
/**
 * How long a query may wait for a free connection of the pool (a busy pool under load, or the
 * embedded server's single connection held by a transaction): longer, because that wait is not
 * an outage.
 */
const POOL_WAIT_MS = 15_000;

/**
 * node-postgres' client with a short connect timeout, reporting each connection attempt to
 * lib/db/availability (a refused or timed-out attempt marks the database down; a successful one, up).
 */
class TrackedClient extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  }

  override connect(): Promise<pg.Client>;
  override connect(callback: (error: Error) => void): void;
  override connect(callback?: (error: Error) => void): Promise<pg.Client> | void {
    const track = (error?: Error | null) => {
      if (!error) markDatabaseUp();
      else if (isDatabaseUnavailable(error)) markDatabaseDown(error);
    };
    // pg-pool connects with a callback, scripts with the promise
    if (callback) return super.connect((error: Error) => (track(error), callback(error)));
    return super.connect().then(
      (client) => (track(), client),
      (error: Error) => {
        track(error);
        throw error;
      },
    );
  }
}

/** The availability probe: one connection that is opened and closed. */
function probeWith(url: string) {
  return async () => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    try {
      await client.connect();
      await client.query('SELECT 1');
    } finally {
      await client.end().catch(() => undefined);
    }
  };
}

/** A new client with its own pool (scripts, tests). Call `$disconnect()` when done. */
export function createDbClient({ url, schema, poolMax = 10 }: DbClientOptions): PrismaClient {
  const custom = Boolean(schema) && schema !== 'public';
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax,
    connectionTimeoutMillis: POOL_WAIT_MS,
    Client: TrackedClient,
    // The adapter's `schema` qualifies Prisma's queries; raw SQL ($queryRaw) follows the
    // search_path, so point it at the same schema on every new connection.
    onConnect: custom ? async (client: pg.PoolClient) => void (await client.query(`SET search_path TO ${quoteIdent(schema!)}`)) : undefined,
  } as pg.PoolConfig);
  // an idle connection the server dropped (restart, failover) is discarded by the pool; the next
  // connection attempt tells whether the database is back
  const untrack = trackPool(pool);
  const end = pool.end.bind(pool);
  pool.end = (() => (untrack(), end())) as typeof pool.end;
  const adapter = new PrismaPg(pool, { ...(custom ? { schema } : {}), disposeExternalPool: true, onPoolError: () => undefined });
  setDatabaseProbe(probeWith(url));
  return new PrismaClient({ adapter, transactionOptions: TRANSACTION_DEFAULTS });
}

function configFromEnv(env: NodeJS.ProcessEnv = process.env): DbClientOptions {
  const url = env.DATABASE_URL;
  if (!url) {
    throw new Error(
      'DATABASE_URL is not set. Start the app through scripts/with-db.mjs (npm run dev / npm start / npm run cli do), ' +
        'which provides the embedded database, or set DATABASE_URL=postgresql://user:password@host:5432/dbname.',
    );
  }
  const poolMax = env.DATABASE_POOL_MAX ? Number(env.DATABASE_POOL_MAX) : 10;
  if (!Number.isInteger(poolMax) || poolMax < 1) {
    throw new Error(`DATABASE_POOL_MAX must be a positive integer, got "${env.DATABASE_POOL_MAX}"`);
  }
  return { url, schema: env.DATABASE_SCHEMA || undefined, poolMax };
}

// In development, Next's hot reload re-evaluates this module: keep the client on globalThis so
// each reload does not open another pool. Keyed by configuration so a changed env gets a new one.
type Cached = { key: string; client: PrismaClient; forgetShutdown: () => void };
const globalCache = globalThis as typeof globalThis & { __tesseraDb?: Cached };
let moduleCache: Cached | undefined;
const cachesOnGlobal = () => process.env.NODE_ENV !== 'production';

// `db` is touched several times per request: parse the three variables only when their raw values
// change (tests point DATABASE_SCHEMA at a new schema per file; a changed env still gets a new client).
let parsedEnv: { raw: string; options: DbClientOptions; key: string } | undefined;

function currentOptions(): { options: DbClientOptions; key: string } {
  const { DATABASE_URL, DATABASE_SCHEMA, DATABASE_POOL_MAX } = process.env;
  const raw = `${DATABASE_URL ?? ''}\0${DATABASE_SCHEMA ?? ''}\0${DATABASE_POOL_MAX ?? ''}`;
  if (parsedEnv?.raw !== raw) {
    const options = configFromEnv();
    parsedEnv = { raw, options, key: `${options.url}|${options.schema ?? ''}|${options.poolMax}` };
  }
  return parsedEnv;
}

function sharedClient(): PrismaClient {
  const cached = cachesOnGlobal() ? globalCache.__tesseraDb : moduleCache;
  const { options, key } = currentOptions();
  if (cached?.key === key) return cached.client;
  const client = createDbClient(options);
  // npm run serve closes the pool on SIGTERM, after the in-flight requests (lib/lifecycle).
  const entry: Cached = { key, client, forgetShutdown: onShutdown(() => client.$disconnect()) };
  if (cachesOnGlobal()) globalCache.__tesseraDb = entry;
  else moduleCache = entry;
  return client;
}

/**
 * The app's client, created from the environment on first use (property access).
 * Methods are bound to the real client, so `const { $transaction } = db` also works.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    // `await db` / promise checks and inspection must not open a pool
    if (property === 'then' || typeof property === 'symbol') return undefined;
    const client = sharedClient();
    const value: unknown = Reflect.get(client, property, client);
    return typeof value === 'function' ? value.bind(client) : value;
  },
  has: (_target, property) => Reflect.has(sharedClient(), property),
});

/** Closes the shared client's pool if it was opened (shutdown, end of a test file). */
export async function disconnectDb(): Promise<void> {
  const entry = cachesOnGlobal() ? globalCache.__tesseraDb : moduleCache;
  if (!entry) return;
  if (cachesOnGlobal()) delete globalCache.__tesseraDb;
  else moduleCache = undefined;
  entry.forgetShutdown();
  await entry.client.$disconnect();
}

/**
 * Runs fn in an interactive transaction: committed when fn resolves, rolled back when it throws
 * (the error is rethrown). Do not run other `db` queries inside fn: use `tx`.
 */
export function transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T> {
  return db.$transaction(fn, { ...TRANSACTION_DEFAULTS, ...options });
}
