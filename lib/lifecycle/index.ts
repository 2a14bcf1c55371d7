// Process lifecycle: what must be closed when the server stops (the database pools, …).
//
// The hooks live on globalThis, not in this module: Next bundles the app into several module
// layers (route handlers, pages), each with its own copy of lib/db and so its own pool, and the
// custom server (scripts/serve.mjs, plain Node) is outside every bundle. Each copy registers its
// pool here; on SIGTERM the server drains its connections, then runs every hook once.
// scripts/serve.mjs runs them (it reads the same key: keep the two in step).

const HOOKS_KEY = Symbol.for('tessera.shutdown-hooks');

type ShutdownHook = () => Promise<void> | void;

function hooks(): Set<ShutdownHook> {
  const holder = globalThis as typeof globalThis & { [HOOKS_KEY]?: Set<ShutdownHook> };
  return (holder[HOOKS_KEY] ??= new Set());
}

/** Runs `hook` when the server shuts down (after in-flight requests). Returns the way to take it back. */
export function onShutdown(hook: ShutdownHook): () => void {
  hooks().add(hook);
  return () => void hooks().delete(hook);
}
