#!/usr/bin/env node
// Benchmark: GET /api/v1/users at 100,000 users on PostgreSQL (target: p95 < 50 ms).
//
//   node bench/users-list.mjs [--users 100000] [--requests 200]
//
// Creates a throwaway database (tessera_bench_<random>) on BENCH_DATABASE_URL, else
// TEST_DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/postgres; applies the migrations;
// seeds the users with multi-row INSERTs (unnest of arrays, 10,000 rows per statement), 20% of them
// with email MFA; VACUUM ANALYZE; then times ~200 list requests without search (first, middle and
// last pages, each sort) and ~200 with search (prefixes of emails, first names, "first last" and
// last names drawn from the data, exact authIds, no-match terms). Each request goes through the
// real route handler (token check, validation, lib/users listUsers, response schema); the
// service call alone is timed as well. Writes bench/results/users-list.json, drops the database.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { register } from 'tsx/esm/api';
import { makeUsers, pick, seedDatabase } from './seed-users.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({ options: { users: { type: 'string', default: '100000' }, requests: { type: 'string', default: '200' } } });
const USERS = Number(args.users);
const REQUESTS = Number(args.requests);
const TARGET_P95_MS = 50;

const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const dbName = `tessera_bench_${randomBytes(5).toString('hex')}`;
const benchUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  return url.toString();
})();

async function admin(sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// ── measurement ──
function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const round = (n) => Math.round(n * 100) / 100;
  return { requests: sorted.length, p50Ms: round(at(0.5)), p95Ms: round(at(0.95)), maxMs: round(sorted[sorted.length - 1]), meanMs: round(sorted.reduce((s, v) => s + v, 0) / sorted.length) };
}

function searchTerms(rows, count) {
  const terms = [];
  for (let k = 0; terms.length < count; k += 1) {
    const i = (k * 7907) % rows.id.length;
    const kind = k % 6;
    if (kind === 0) terms.push({ kind: 'email prefix', term: rows.email[i].slice(0, 8) });
    else if (kind === 1) terms.push({ kind: 'first name', term: rows.firstName[i].toLowerCase() });
    else if (kind === 2) terms.push({ kind: 'first last', term: `${rows.firstName[i]} ${rows.lastName[i].slice(0, 3)}` });
    else if (kind === 3) terms.push({ kind: 'last name prefix', term: rows.lastName[i].slice(0, 5).toUpperCase() });
    else if (kind === 4) terms.push({ kind: 'authId', term: rows.id[i] });
    else terms.push({ kind: 'no match', term: `zz${k}qx` });
  }
  return terms;
}

function listQueries(count, total) {
  const sorts = [{}, { sort_by: 'createdAt', sort_order: 'desc' }, { sort_by: 'email' }, { sort_by: 'lastSignInAt', sort_order: 'desc' }];
  const lastPage = Math.ceil(total / 20);
  const pages = [1, 2, 10, Math.floor(lastPage / 2), lastPage];
  return Array.from({ length: count }, (_, k) => ({ page_size: '20', page_number: String(pick(pages, k)), ...pick(sorts, Math.floor(k / pages.length)) }));
}

async function main() {
  process.env.DATABASE_URL = benchUrl;
  process.env.DATABASE_POOL_MAX = '4';
  process.env.AUTH_SERVER_URL ??= 'http://localhost:3999';
  process.env.SECRET_KEY ??= `bench-only-secret-${randomBytes(16).toString('hex')}`;
  process.env.NEXT_TELEMETRY_DISABLED = '1';

  await admin(`CREATE DATABASE "${dbName}"`);
  const client = new pg.Client({ connectionString: benchUrl });
  try {
    await client.connect();
    const { readMigrations } = await import('../scripts/prisma-wasm.mjs');
    const { migrationDirectories } = await readMigrations();
    await client.query(migrationDirectories.map((m) => m.migrationFile.content.value).join(';\n'));

    let started = performance.now();
    const rows = makeUsers(USERS);
    await seedDatabase(client, rows);
    const seedMs = Math.round(performance.now() - started);
    console.log(`seeded ${USERS} users in ${seedMs} ms`);

    register({ tsconfig: path.join(ROOT, 'tsconfig.json') });
    const { seed } = await import('../lib/seed/index.ts');
    await seed();
    const { listUsers } = await import('../lib/users/admin.ts');
    const { listUsersRoute } = await import('../lib/api/routes/users.ts');
    const { handle } = await import('../lib/api/define.ts');
    const { makeS2sApp } = await import('../lib/testing/factories.ts');
    const { handleTokenRequest } = await import('../lib/oauth/token-endpoint.ts');
    const { NextRequest } = await import('next/server');
    const { disconnectDb } = await import('../lib/db/index.ts');

    const app = await makeS2sApp(['read_user']);
    const basic = `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`;
    const token = (await handleTokenRequest(new URLSearchParams({ grant_type: 'client_credentials' }), basic)).access_token;
    const handler = handle(listUsersRoute);
    const total = USERS + 1; // + the seeded admin

    async function viaHandler(query) {
      const url = new URL('/api/v1/users', process.env.AUTH_SERVER_URL);
      for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
      const t0 = performance.now();
      const response = await handler(new NextRequest(url, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });
      const body = await response.json();
      const ms = performance.now() - t0;
      if (response.status !== 200) throw new Error(`${response.status} ${JSON.stringify(body)}`);
      return { ms, body };
    }
    async function viaService(query) {
      const take = Number(query.page_size ?? 100);
      const t0 = performance.now();
      const result = await listUsers({ take, skip: (Number(query.page_number ?? 1) - 1) * take, search: query.search, sortBy: query.sort_by, sortOrder: query.sort_order });
      return { ms: performance.now() - t0, body: result };
    }

    const plain = listQueries(REQUESTS, total);
    const searches = searchTerms(rows, REQUESTS).map(({ kind, term }) => ({ kind, query: { page_size: '20', search: term } }));
    // warm-up (JIT, connection pool, caches)
    for (const query of [...plain.slice(0, 20), ...searches.slice(0, 20).map((s) => s.query)]) await viaHandler(query);

    const results = { withoutSearch: {}, withSearch: {}, byKind: {} };
    for (const [label, run] of [['handler', viaHandler], ['service', viaService]]) {
      const noSearch = [];
      const byPage = {};
      for (const query of plain) {
        const { ms, body } = await run(query);
        if (body.count !== total) throw new Error(`count ${body.count} != ${total}`);
        noSearch.push(ms);
        (byPage[`${query.sort_by ?? 'createdAt'} ${query.sort_order ?? 'asc'}, page ${query.page_number}`] ??= []).push(ms);
      }
      const withSearch = [];
      const byKind = {};
      for (const { kind, query } of searches) {
        const { ms, body } = await run(query);
        if (kind !== 'no match' && body.count < 1) throw new Error(`no result for ${kind} "${query.search}"`);
        withSearch.push(ms);
        (byKind[kind] ??= []).push(ms);
      }
      results.withoutSearch[label] = stats(noSearch);
      results.withSearch[label] = stats(withSearch);
      results.byKind[label] = Object.fromEntries(
        [...Object.entries(byPage), ...Object.entries(byKind)].map(([kind, samples]) => [kind, stats(samples)]),
      );
    }
    const pass = results.withoutSearch.handler.p95Ms < TARGET_P95_MS && results.withSearch.handler.p95Ms < TARGET_P95_MS;
    const { rows: [{ server_version: version }] } = await client.query('SHOW server_version');
    const report = {
      benchmark: 'users-list',
      operation: 'GET /api/v1/users (page_size=20) through the route handler; "service" = lib/users/admin.ts listUsers alone',
      postgres: version,
      users: total,
      requestsPerScenario: REQUESTS,
      seedMs,
      targetP95Ms: TARGET_P95_MS,
      pass,
      ...results,
      cpus: os.cpus().length,
      loadAverage1m: Math.round(os.loadavg()[0] * 10) / 10,
      measuredAt: new Date().toISOString(),
    };
    fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'bench/results/users-list.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(JSON.stringify({ withoutSearch: results.withoutSearch, withSearch: results.withSearch, pass }, null, 2));
    console.log(`users-list: p95 ${results.withoutSearch.handler.p95Ms} ms without search, ${results.withSearch.handler.p95Ms} ms with search (target < ${TARGET_P95_MS} ms): ${pass ? 'pass' : 'FAIL'}`);
    await disconnectDb();
    process.exitCode = pass ? 0 : 1;
  } finally {
    await client.end().catch(() => {});
    if (process.env.BENCH_KEEP_DATABASE) console.log(`kept ${benchUrl}`);
    else await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
