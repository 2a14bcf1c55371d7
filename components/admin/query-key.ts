import type { QueryValue } from './api-client';

// Plain module (no 'use client'): server pages build the same keys to hand the client the first
// view's data (lib/api/server-read.ts), and the client hooks in query.ts use them.

const API_PREFIX = '/api/v1/';

/**
 * Query keys follow the API path, so invalidation works by prefix: `/api/v1/scopes` with
 * `{ q: 'x' }` is ['api', 'scopes', { q: 'x' }] and `/api/v1/scopes/<id>` is
 * ['api', 'scopes', '<id>', {}]; invalidating apiQueryKey('/api/v1/scopes') — ['api', 'scopes'] —
 * refreshes the list and every detail of the resource.
 */
export function apiQueryKey(path: string, query?: Record<string, QueryValue>): readonly unknown[] {
  const segments = (path.startsWith(API_PREFIX) ? path.slice(API_PREFIX.length) : path).split('/').filter(Boolean);
  return query === undefined ? ['api', ...segments] : ['api', ...segments, normalizeQuery(query)];
}

/** The query without empty values, keys sorted: equal queries make equal keys. */
export function normalizeQuery(query: Record<string, QueryValue>): Record<string, string | number | boolean> {
  const entries = Object.entries(query).filter((entry): entry is [string, string | number | boolean] => entry[1] !== null && entry[1] !== undefined && entry[1] !== '');
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}
