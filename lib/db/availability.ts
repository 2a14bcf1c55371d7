// Whether this process can currently reach its database, as its connection attempts report it.
// A failed connection attempt marks the database down; while it is down a background probe (one
// connection attempt every PROBE_INTERVAL_MS) marks it up again as soon as it answers, so the
// server recovers by itself. While it is down, requests are refused at once with 503
// service_unavailable (lib/http/errors, proxy.ts for hosted pages) instead of each waiting for a
// connection that cannot come.
//
// The state lives on globalThis: proxy.ts is bundled apart from the route handlers but runs in the
// same process, and must see the same state. This module imports no database client.

export const PROBE_INTERVAL_MS = 500;

export interface DatabaseAvailability {
  /** false between a failed connection attempt and the next successful one. */
  up: boolean;
  /** When it went down (ms since epoch), null while up. */
  downSince: number | null;
  /** The last connection error's message (for logs and /readyz), never a connection string. */
  lastError: string | null;
}

type Probe = () => Promise<void>;

interface State extends DatabaseAvailability {
  probe: Probe | null;
  timer: ReturnType<typeof setTimeout> | null;
  listeners: Set<(state: DatabaseAvailability) => void>;
}

const KEY = Symbol.for('tessera.databaseAvailability');
const holder = globalThis as typeof globalThis & { [KEY]?: State };

function state(): State {
  holder[KEY] ??= { up: true, downSince: null, lastError: null, probe: null, timer: null, listeners: new Set() };
  return holder[KEY];
}

export function databaseAvailability(): DatabaseAvailability {
  const { up, downSince, lastError } = state();
  return { up, downSince, lastError };
}

/** Called with the new state on every change (logging, metrics). */
export function onDatabaseAvailabilityChange(listener: (state: DatabaseAvailability) => void): () => void {
  state().listeners.add(listener);
  return () => state().listeners.delete(listener);
}

function notify(current: State) {
  for (const listener of current.listeners) {
    try {
      listener(databaseAvailability());
    } catch {
      // a listener's failure must not break the database layer
    }
  }
}

/** How the background probe tries a connection (lib/db registers one that opens and closes a client). */
export function setDatabaseProbe(probe: Probe): void {
  state().probe = probe;
}

export function markDatabaseUp(): void {
  const current = state();
  if (current.timer) clearTimeout(current.timer);
  current.timer = null;
  if (current.up) return;
  current.up = true;
  current.downSince = null;
  current.lastError = null;
  notify(current);
}

export function markDatabaseDown(error: unknown): void {
  const current = state();
  current.lastError = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : String(error).slice(0, 200);
  if (!current.up) return;
  current.up = false;
  current.downSince = Date.now();
  notify(current);
  scheduleProbe(current);
}

function scheduleProbe(current: State) {
  if (current.timer || !current.probe) return;
  current.timer = setTimeout(async () => {
    current.timer = null;
    if (current.up || !current.probe) return;
    try {
      await current.probe();
      markDatabaseUp();
    } catch (error) {
      current.lastError = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : String(error);
      scheduleProbe(current);
    }
  }, PROBE_INTERVAL_MS);
  // the probe must never keep a CLI or a test process alive
  current.timer.unref?.();
}

/** Tests: back to "up", no probe running. */
export function resetDatabaseAvailabilityForTesting(): void {
  const current = state();
  if (current.timer) clearTimeout(current.timer);
  holder[KEY] = { up: true, downSince: null, lastError: null, probe: current.probe, timer: null, listeners: current.listeners };
}
