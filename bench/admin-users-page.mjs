#!/usr/bin/env node
// Benchmark: the dashboard's users page at 100,000 users (target: first rows within 300 ms on
// localhost, p95 of every scenario).
//
//   node bench/admin-users-page.mjs [--users 100000] [--runs 10]
//
// Uses the production build in .next (`npm run bench` builds it first). Creates a throwaway
// database (tessera_bench_<random>) on BENCH_DATABASE_URL, else DATABASE_URL, else
// TEST_DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/postgres; starts
// `node scripts/with-db.mjs --migrate --seed next start` on it (its own port, DATA_DIR and process
// group); seeds the users with bench/seed-users.mjs; creates a super_admin with the CLI and signs
// in at /admin in Chromium (CHROMIUM_PATH, default /usr/bin/chromium) through the hosted pages.
// Then, per scenario (first page, a deep page, sort by email, a search), 2 warm-up and --runs
// timed loads: from navigation start (about:blank → URL) until the first row of the table is
// visible: the server's HTML carries the page of users the URL names (components/admin/
// ServerReadBoundary), so the time is the server's render and the browser's first paint. Writes
// bench/results/admin-users-page.json; stops the server and drops the database, even on failure.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import pg from 'pg';
import { makeUsers, seedDatabase } from './seed-users.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const { values: args } = parseArgs({ options: { users: { type: 'string', default: '100000' }, runs: { type: 'string', default: '10' } } });
const USERS = Number(args.users);
const RUNS = Math.min(Math.max(Number(args.runs) || 10, 1), 100);
const WARMUP = 2;
const TARGET_MS = 300;
const READY_TIMEOUT_MS = 180_000;
const ROW_TIMEOUT_MS = 30_000;

const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const dbName = `tessera_bench_${randomBytes(5).toString('hex')}`;
const benchUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
const admin = { email: 'bench-admin@example.com', password: `Bench-${randomBytes(9).toString('base64url')}-7` };

const SCENARIOS = [
  { name: 'first page', query: '' },
  { name: 'deep page', query: `?page=${Math.max(1, Math.floor(USERS / 40))}` },
  { name: 'sort by email', query: '?sort=email&order=asc' },
  { name: 'search', query: '?q=grace.' },
];

const log = (message) => console.log(`[admin-users-page] ${message}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function adminQuery(sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, 'localhost', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopGroup(pid) {
  if (!pid || !groupAlive(pid)) return;
  process.kill(-pid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (groupAlive(pid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(pid)) process.kill(-pid, 'SIGKILL');
}

async function waitForReady(baseURL, child) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${baseURL}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`the server was not ready within ${READY_TIMEOUT_MS / 1000} s`);
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const round = (n) => Math.round(n);
  return { runs: sorted.length, p50Ms: round(at(0.5)), p95Ms: round(at(0.95)), minMs: round(sorted[0]), maxMs: round(sorted[sorted.length - 1]) };
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) throw new Error('no production build in .next: run `npx next build` (npm run bench does)');
  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-'));
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: benchUrl,
    DATA_DIR: dataDir,
    AUTH_SERVER_URL: baseURL,
    SECRET_KEY: randomBytes(32).toString('hex'),
    PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ''}`,
  };
  let child = null;
  let browser = null;
  await adminQuery(`CREATE DATABASE "${dbName}"`);
  try {
    child = spawn(process.execPath, ['scripts/with-db.mjs', '--migrate', '--seed', path.join(BIN, 'next'), 'start', '-H', 'localhost', '-p', String(port)], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitForReady(baseURL, child);
    log(`server ready on ${baseURL} (database ${dbName})`);

    const client = new pg.Client({ connectionString: benchUrl });
    await client.connect();
    const seedStarted = performance.now();
    try {
      await seedDatabase(client, makeUsers(USERS));
    } finally {
      await client.end();
    }
    const seedMs = Math.round(performance.now() - seedStarted);
    log(`seeded ${USERS} users in ${seedMs} ms`);
    const created = spawnSync(process.execPath, ['scripts/with-db.mjs', 'tsx', 'scripts/cli.ts', 'user', 'create', '--email', admin.email, '--password', admin.password, '--role', 'super_admin', '--verified', '--json'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    });
    if (created.status !== 0) throw new Error(`the CLI could not create the admin: ${created.stderr}`);

    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
    const page = await browser.newPage({ baseURL, locale: 'en-US' });
    await page.goto('/admin/users');
    await page.waitForURL((url) => url.pathname !== '/admin/users', { timeout: 30_000 });
    const submit = page.getByRole('button', { name: 'Sign in', exact: true });
    await submit.waitFor();
    await page.waitForFunction(() => !document.querySelector('button[type="submit"]:disabled'));
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await submit.click();
    await page.waitForURL((url) => url.pathname === '/admin/users', { timeout: 60_000 });

    const firstRow = page.getByTestId('data-row').first();
    const results = {};
    for (const scenario of SCENARIOS) {
      const samples = [];
      for (let run = 0; run < WARMUP + RUNS; run++) {
        await page.goto('about:blank');
        const started = performance.now();
        await page.goto(`/admin/users${scenario.query}`, { waitUntil: 'commit' });
        await firstRow.waitFor({ state: 'visible', timeout: ROW_TIMEOUT_MS });
        if (run >= WARMUP) samples.push(performance.now() - started);
      }
      results[scenario.name] = { url: `/admin/users${scenario.query}`, ...stats(samples) };
      log(`${scenario.name}: p50 ${results[scenario.name].p50Ms} ms, p95 ${results[scenario.name].p95Ms} ms`);
    }
    const pass = Object.values(results).every((result) => result.p95Ms <= TARGET_MS);
    const report = {
      benchmark: 'admin-users-page',
      operation: 'Chromium: navigation to /admin/users until the first table row is visible (the first page of users comes in the server HTML)',
      users: USERS,
      seedMs,
      targetMs: TARGET_MS,
      pass,
      scenarios: results,
      cpus: os.cpus().length,
      loadAverage1m: Math.round(os.loadavg()[0] * 10) / 10,
      measuredAt: new Date().toISOString(),
    };
    fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'bench/results/admin-users-page.json'), `${JSON.stringify(report, null, 2)}\n`);
    log(`first rows at ${USERS} users (target p95 ≤ ${TARGET_MS} ms): ${pass ? 'pass' : 'FAIL'}`);
    process.exitCode = pass ? 0 : 1;
  } finally {
    await browser?.close().catch(() => {});
    if (child?.pid) await stopGroup(child.pid);
    fs.rmSync(dataDir, { recursive: true, force: true });
    await adminQuery(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch((error) => log(`could not drop ${dbName}: ${error.message}`));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
