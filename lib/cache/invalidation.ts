// Cross-instance invalidation of the per-process caches: active apps (lib/apps/client-cache.ts),
// CORS origins (lib/http/cors.ts) and signing keys (lib/keys). A write that changes what a cache
// holds calls invalidate(topic) after its transaction: this process drops the entries at once, and
// a PostgreSQL NOTIFY on the channel `tessera_cache` tells every other instance, whose listener
// (one connection per server process, started with the server: instrumentation.ts) drops them
// too, within milliseconds. Every deployment has PostgreSQL, so no other broker is needed; behind
// a pooler the listener connects over DIRECT_DATABASE_URL (LISTEN needs a session of its own).
//
// When the listener is not connected (the database is down, or the embedded database, a single
// Postgres session that cannot hold a LISTEN of its own: one process serves it anyway), each cache's
// time bound still holds (apps 5 s, CORS origins 30 s, signing key 30 s, JWKS 5 s). A reconnected
// listener drops every cache, since notifications sent meanwhile were lost.
import pg from 'pg';
import { db } from '@/lib/db';
import { onShutdown } from '@/lib/lifecycle';

export const CACHE_CHANNEL = 'tessera_cache';
export const CACHE_TOPICS = ['apps', 'keys'] as const;
export type CacheTopic = (typeof CACHE_TOPICS)[number];

const RECONNECT_MS = 1_000;
const HANDLERS_KEY = Symbol.for('tessera.cache.invalidation');

// On globalThis: Next.js bundles instrumentation.ts (which starts the listener) apart from the
// routes, so each bundle has its own copy of the caches' modules, and every copy must hear it.
function handlers(): Map<CacheTopic, Set<() => void>> {
  const holder = globalThis as typeof globalThis & { [HANDLERS_KEY]?: Map<CacheTopic, Set<() => void>> };
  return (holder[HANDLERS_KEY] ??= new Map());
}

/** Registers how a cache drops its entries for `topic` (called by the cache's module at load). */
export function onInvalidate(topic: CacheTopic, handler: () => void): void {
  const registry = handlers();
  if (!registry.has(topic)) registry.set(topic, new Set());
  registry.get(topic)!.add(handler);
}

function dropLocal(topic: CacheTopic): void {
  for (const handler of handlers().get(topic) ?? []) handler();
}

/** Drops `topic`'s caches in this process and, through NOTIFY, in every other instance. Never throws. */
export async function invalidate(topic: CacheTopic): Promise<void> {
  dropLocal(topic);
  try {
    await db.$executeRaw`SELECT pg_notify(${CACHE_CHANNEL}, ${topic})`;
  } catch (error) {
    // The other instances then see the change when their entries expire (the bounds above).
    console.warn('[tessera] cache invalidation not sent to other instances', error instanceof Error ? error.message : error);
  }
}

export interface InvalidationListener {
  /** Resolves once LISTEN is in place (first connection). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Listens for other instances' invalidations on its own connection, reconnecting every second
 * after a failure. `url`: DIRECT_DATABASE_URL, else DATABASE_URL.
 */
export function startInvalidationListener(url = process.env.DIRECT_DATABASE_URL || process.env.DATABASE_URL): InvalidationListener {
  let stopped = false;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let firstConnection = true;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const reconnectLater = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, RECONNECT_MS);
    timer.unref();
  };

  async function connect() {
    const current = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    client = current;
    current.on('notification', (message) => {
      if (message.channel === CACHE_CHANNEL && (CACHE_TOPICS as readonly string[]).includes(message.payload ?? '')) dropLocal(message.payload as CacheTopic);
    });
    current.on('error', () => undefined); // 'end' follows and reconnects
    current.on('end', () => {
      if (client === current) client = undefined;
      reconnectLater();
    });
    try {
      await current.connect();
      await current.query(`LISTEN ${CACHE_CHANNEL}`);
      if (stopped) return void (await current.end().catch(() => undefined));
      // notifications sent while no listener was connected are lost: start afresh
      if (!firstConnection) for (const topic of CACHE_TOPICS) dropLocal(topic);
      firstConnection = false;
      markReady();
    } catch {
      await current.end().catch(() => undefined);
      reconnectLater();
    }
  }

  const stop = async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await client?.end().catch(() => undefined);
  };
  if (url && process.env.TESSERA_EMBEDDED_DATABASE !== '1') void connect();
  else markReady();
  const unregister = onShutdown(stop);
  return {
    ready,
    stop: async () => {
      unregister();
      await stop();
    },
  };
}
