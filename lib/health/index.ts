// Liveness and readiness (GET /healthz, GET /readyz). Liveness does no I/O: the process answers.
// Readiness asks each dependency the server needs to serve requests, each within 1 s: the
// database, and Redis when REDIS_URL is set. A load balancer or orchestrator stops sending traffic
// to an instance that is not ready, and sends it again once it is.
import { config } from '@/lib/config';
import { db } from '@/lib/db';
import { databaseAvailability } from '@/lib/db/availability';
import { describeDatabaseError } from '@/lib/db/errors';
import { sharedRedisClient } from '@/lib/kv';

export const READINESS_TIMEOUT_MS = 1_000;

export interface DependencyCheck {
  ok: boolean;
  ms: number;
  /** Why it failed: a short description, never a connection string. */
  error?: string;
}

export interface Readiness {
  ready: boolean;
  checks: { database: DependencyCheck; redis?: DependencyCheck };
}

class CheckTimeout extends Error {}

async function timed(check: () => Promise<unknown>): Promise<DependencyCheck> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new CheckTimeout(`no answer within ${READINESS_TIMEOUT_MS} ms`)), READINESS_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const message = error instanceof CheckTimeout ? error.message : describeDatabaseError(error);
    return { ok: false, ms: Math.round(performance.now() - started), error: message };
  } finally {
    clearTimeout(timer);
  }
}

export function liveness() {
  return { status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) };
}

export async function readiness(): Promise<Readiness> {
  const redisUrl = config().redisUrl;
  const [database, redis] = await Promise.all([
    timed(() => db.$queryRaw`SELECT 1`),
    redisUrl ? timed(() => sharedRedisClient(redisUrl).ping()) : Promise.resolve(undefined),
  ]);
  // a connection attempt that failed since is news the query above may not have seen (pooled connection)
  if (database.ok && !databaseAvailability().up) Object.assign(database, { ok: false, error: databaseAvailability().lastError ?? 'unavailable' });
  return { ready: database.ok && (redis?.ok ?? true), checks: { database, ...(redis ? { redis } : {}) } };
}
