import { onInvalidate } from '@/lib/cache/invalidation';
import { findAppByClientId, type AppWithScopes } from './service';

// A short in-process cache of ACTIVE apps (row + scope names) for the client_credentials grant, the
// hot S2S path: a service asking for tokens in a loop costs no database round trip per request.
//
// How stale it can be, and why that is acceptable:
// - An entry lives CLIENT_CACHE_TTL_MS (5 s) from the lookup that filled it, on each instance. A
//   deactivated or deleted app, a rotated secret or a changed scope list may still obtain a
//   client_credentials token for up to 5 s. Tokens themselves are unaffected: the S2S API guard and
//   introspection look the app up uncached on every call and refuse a deactivated app's tokens at once.
// - Unknown and inactive apps are never cached: a new or re-activated app works at once, and guessing
//   client ids cannot fill the cache. Failed lookups are not cached either.
// - Concurrent lookups of one client share one query; at most MAX_ENTRIES clients are kept (oldest
//   lookup evicted first).
// - Code that changes an app (deactivate, delete, rotate the secret, edit its scopes) or renames or
//   deletes a scope calls invalidate('apps') after its transaction (lib/apps/admin.ts,
//   lib/scopes/admin.ts): this process drops the cache at once, and every other instance within
//   milliseconds through PostgreSQL NOTIFY (lib/cache/invalidation.ts). Writes made without it (SQL,
//   tests writing rows directly, an instance whose listener is disconnected) are seen when the entry expires.
// Every other client authentication (code and refresh grants, revocation, introspection, device
// authorization) reads the database each time.

export const CLIENT_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 1_000;

interface Entry {
  app: Promise<AppWithScopes | null>;
  expiresAt: number;
}

const cache = new Map<string, Entry>();

function freeze(app: AppWithScopes | null): AppWithScopes | null {
  if (!app) return null;
  Object.freeze(app.scopeNames);
  Object.freeze(app.redirectUris);
  Object.freeze(app.postLogoutRedirectUris);
  return Object.freeze(app);
}

/** findAppByClientId through the cache described above (shared, frozen objects: do not modify). */
export function findClientCached(clientId: string): Promise<AppWithScopes | null> {
  const now = Date.now();
  const hit = cache.get(clientId);
  if (hit && hit.expiresAt > now) return hit.app;

  const entry: Entry = { app: findAppByClientId(clientId).then(freeze), expiresAt: now + CLIENT_CACHE_TTL_MS };
  cache.delete(clientId); // re-inserted last: Map order is lookup order, the first key the oldest
  cache.set(clientId, entry);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  const forget = () => {
    if (cache.get(clientId) === entry) cache.delete(clientId);
  };
  entry.app.then((app) => {
    if (!app?.isActive) forget();
  }, forget);
  return entry.app;
}

/** Drops every client in this process, so the next lookup reads the database (other instances: invalidate('apps')). */
export function invalidateClientCache(): void {
  cache.clear();
}
onInvalidate('apps', invalidateClientCache);
