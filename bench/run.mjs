#!/usr/bin/env node
// `npm run bench`: measures the token endpoint and the hosted sign-in flow of a production build.
// A script, not a test: it prints a table and writes bench/results/<timestamp>.json and
// bench/results/latest.json. Every request goes to localhost, bounded in time and count.
//
//  1. builds the app in this working copy when the build is older than the sources (as `npm start`),
//     and the bare baseline (bench/baseline/, a minimal Next.js app: one route handler signing the
//     same RS256 JWT with jose and a cached key, no database) in a temporary directory (kept under
//     os.tmpdir() keyed by its sources and the Next version, so the next run reuses it);
//  2. starts `node scripts/with-db.mjs --migrate --seed next start -H localhost` (NODE_ENV=production)
//     on its own port, as the leader of its own process group, with a fresh DATA_DIR and its own
//     EMBEDDED_DB_PORT (embedded PGlite) — or, when DATABASE_URL is set, a throwaway database
//     tessera_bench_<random> on that server (dropped at the end) — and the baseline with `next start`;
//  3. creates an S2S app (scope read_user), a SPA app and a verified user with the CLI;
//  4. client_credentials: for each concurrency (default 10 and 50) a warm-up, then a fixed duration
//     of keep-alive requests against ours and against the baseline, in alternating slices, giving
//     req/s, p50/p90/p99 latency and the server's CPU time per request (its process group, from
//     /proc: with the embedded database that includes PGlite, which runs in the with-db process);
//  5. the full authorize → sign-in page → password → consent page → consent → code → token flow
//     over HTTP (no browser, prompt=consent so every iteration shows the consent step), N times;
//  6. the sign-in page's first-load JavaScript against its 150 KB gzip budget, from the build's
//     manifest and in Chromium (bench/sign-in-js-budget.mjs; e2e/budget.spec.ts enforces it);
//  7. stops every server it started (SIGTERM to the group, SIGKILL after 10 s), even on failure.
//
// Environment knobs: BENCH_CONCURRENCY (10,50) · BENCH_DURATION_MS (8000 per target and concurrency,
// in BENCH_ROUNDS (4) slices alternating with the other target's) · BENCH_WARMUP_MS (2000)
// BENCH_FLOW_ITERATIONS (20) · BENCH_SKIP_BUILD=1 (use .next as it is) · BENCH_REBUILD_BASELINE=1
// · DATABASE_URL (bench on that PostgreSQL server instead of the embedded database).
//
// Last, bench/users-list.mjs: GET /api/v1/users at 100,000 users on PostgreSQL (target p95 < 50 ms),
// in a child process, on its own throwaway database of BENCH_DATABASE_URL, else DATABASE_URL, else
// TEST_DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/postgres; its report
// (bench/results/users-list.json) goes into this run's results as usersList. It is skipped
// (reported as such) without a reachable PostgreSQL, or with BENCH_USERS_LIST=0. Then
// bench/admin-users-page.mjs: the dashboard's users page at 100,000 users in Chromium, from
// navigation to the first row (target p95 ≤ 300 ms), reported as adminUsersPage, skipped likewise.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { formatSignInJsBudget, measureSignInJsBudget } from './sign-in-js-budget.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const RESULTS_DIR = path.join(ROOT, 'bench', 'results');
const BASELINE_SRC = path.join(ROOT, 'bench', 'baseline');

const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '10,50').split(',').map(Number).filter((n) => n > 0 && n <= 500);
const DURATION_MS = Math.min(Number(process.env.BENCH_DURATION_MS) || 8_000, 60_000);
const ROUNDS = Math.min(Math.max(Number(process.env.BENCH_ROUNDS) || 4, 1), 20);
const WARMUP_MS = Math.min(Number(process.env.BENCH_WARMUP_MS) || 2_000, 30_000);
const FLOW_ITERATIONS = Math.min(Number(process.env.BENCH_FLOW_ITERATIONS) || 20, 500);
const MAX_REQUESTS_PER_RUN = 200_000; // hard bound on top of the duration
const REQUEST_TIMEOUT_MS = 10_000;
const READY_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 10_000;

const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message) => console.log(`[bench] ${message}`);

// ---------------------------------------------------------------------------------------------
// Processes: every server runs as the leader of its own process group and is stopped with it.

const groups = new Set();

const groupAlive = (pid) => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};

function startGroup(command, args, { cwd, env, logFile }) {
  const fd = fs.openSync(logFile, 'w');
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  if (!child.pid) throw new Error(`could not start ${command}`);
  groups.add(child.pid);
  return child;
}

async function stopGroup(pid) {
  if (!groups.has(pid)) return;
  if (groupAlive(pid)) {
    process.kill(-pid, 'SIGTERM');
    const deadline = Date.now() + STOP_GRACE_MS;
    while (groupAlive(pid) && Date.now() < deadline) await sleep(100);
    if (groupAlive(pid)) {
      log(`process group ${pid} still alive after ${STOP_GRACE_MS / 1000} s: SIGKILL`);
      process.kill(-pid, 'SIGKILL');
      while (groupAlive(pid)) await sleep(50);
    }
  }
  groups.delete(pid);
}

async function stopAll() {
  await Promise.all([...groups].map((pid) => stopGroup(pid)));
}

// Last resort (uncaught error, process.exit): never leave a server behind.
process.once('exit', () => {
  for (const pid of groups) if (groupAlive(pid)) process.kill(-pid, 'SIGKILL');
});
// Set by main(): stops the servers, drops the throwaway database, removes the data directory.
let cleanup = null;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    log(`${signal}: stopping the servers`);
    (cleanup ? cleanup(false) : stopAll()).finally(() => process.exit(130));
  });
}

/** CPU seconds (user + system) used so far by every live process of a group (Linux /proc). */
function groupCpuSeconds(pgid) {
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  let dirs;
  try {
    dirs = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  for (const pid of dirs) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[0] is field 3 (state): pgrp is field 5, utime 14, stime 15
      if (Number(fields[2]) !== pgid) continue;
      total += (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      // exited meanwhile
    }
  }
  return total;
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// ---------------------------------------------------------------------------------------------
// Builds

const APP_SOURCES = ['app', 'components', 'lib', 'messages', 'public', 'instrumentation.ts', 'proxy.ts', 'next.config.ts', 'package.json'];

function newestMtime(full) {
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(full) ? 0 : stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(full)) {
    if (child === 'generated' || child === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(full, child)));
  }
  return newest;
}

function run(command, args, options) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${path.basename(command)} ${args.join(' ')} failed (${result.status ?? result.signal})`);
}

function buildAppIfStale() {
  const buildId = path.join(ROOT, '.next', 'BUILD_ID');
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  if (process.env.BENCH_SKIP_BUILD === '1') {
    if (!builtAt) throw new Error('BENCH_SKIP_BUILD=1 but there is no build (.next/BUILD_ID)');
    return { built: false, seconds: 0 };
  }
  if (builtAt && !APP_SOURCES.some((entry) => newestMtime(path.join(ROOT, entry)) > builtAt)) return { built: false, seconds: 0 };
  log(builtAt ? 'sources changed since the last build: next build' : 'no build yet: next build');
  const started = performance.now();
  run(path.join(BIN, 'next'), ['build'], { cwd: ROOT, env: baseEnv });
  return { built: true, seconds: (performance.now() - started) / 1000 };
}

function listFiles(dir, prefix = '') {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]))
    .sort();
}

function commonAncestor(a, b) {
  const left = a.split(path.sep);
  const right = b.split(path.sep);
  let i = 0;
  while (i < left.length && i < right.length && left[i] === right[i]) i += 1;
  return left.slice(0, i).join(path.sep) || path.sep;
}

const BASELINE_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022', lib: ['dom', 'dom.iterable', 'esnext'], strict: true, noEmit: true, esModuleInterop: true, module: 'esnext',
    moduleResolution: 'bundler', resolveJsonModule: true, jsx: 'react-jsx', isolatedModules: true, skipLibCheck: true, allowJs: false,
    incremental: false, plugins: [{ name: 'next' }],
  },
  include: ['next-env.d.ts', '**/*.ts', '**/*.tsx', '.next/types/**/*.ts', '.next/dev/types/**/*.ts'],
  exclude: ['node_modules'],
};

/** Builds bench/baseline in a temporary directory that uses this checkout's node_modules. */
function buildBaseline() {
  const files = listFiles(BASELINE_SRC);
  const nextVersion = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/next/package.json'), 'utf8')).version;
  const hash = createHash('sha256').update(ROOT).update(nextVersion);
  for (const file of files) hash.update(file).update(fs.readFileSync(path.join(BASELINE_SRC, file)));
  const dir = path.join(os.tmpdir(), `tessera-bench-baseline-${hash.digest('hex').slice(0, 16)}`);
  if (process.env.BENCH_REBUILD_BASELINE !== '1' && fs.existsSync(path.join(dir, '.next', 'BUILD_ID'))) {
    return { dir, built: false, seconds: 0, nextVersion };
  }
  log(`building the bare Next.js baseline in ${dir}`);
  const started = performance.now();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(BASELINE_SRC, dir, { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'tessera-bench-baseline', private: true, type: 'module' }));
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(BASELINE_TSCONFIG, null, 2));
  try {
    run(path.join(BIN, 'next'), ['build'], { cwd: dir, env: { ...baseEnv, BENCH_BASELINE_ROOT: commonAncestor(dir, ROOT) } });
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, built: true, seconds: (performance.now() - started) / 1000, nextVersion };
}

// ---------------------------------------------------------------------------------------------
// Ports, databases, servers

function listenOnce(port, host) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(null));
    server.listen({ port, host, exclusive: true }, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : null));
    });
  });
}

async function pickPort() {
  for (let attempt = 0; attempt < 10; attempt++) {
    const port = await listenOnce(0, '127.0.0.1');
    if (port !== null && (await listenOnce(port, 'localhost')) !== null) return port;
  }
  throw new Error('no free TCP port on localhost');
}

async function adminQuery(url, sql) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

function describeDatabaseUrl(url) {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

async function waitForUrl(url, child, logFile, accept) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let problem = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(url, { method: accept.method ?? 'GET', signal: AbortSignal.timeout(5_000), ...accept.init });
      if (await accept.check(response)) return;
      problem = `answered ${response.status}`;
    } catch (error) {
      problem = error.message;
    }
    await sleep(250);
  }
  throw new Error(`${url} was not ready within ${READY_TIMEOUT_MS / 1000} s (${problem}):\n${tail(logFile)}`);
}

/** Runs the CLI (`with-db tsx scripts/cli.ts … --json`) against the server's database. */
function cli(env, args) {
  const result = spawnSync(process.execPath, ['scripts/with-db.mjs', path.join(BIN, 'tsx'), 'scripts/cli.ts', ...args, '--json'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const line = (result.stdout ?? '').split('\n').map((l) => l.trim()).filter((l) => l.startsWith('{')).pop();
  const json = line ? JSON.parse(line) : null;
  if (result.status !== 0 || !json || 'error' in json) {
    throw new Error(`cli ${args.slice(0, 2).join(' ')} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
  return json;
}

// ---------------------------------------------------------------------------------------------
// Load

function percentile(sorted, p) {
  if (!sorted.length) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

const round = (value, digits = 2) => (value === null || value === undefined ? null : Number(value.toFixed(digits)));

function summarize(latencies) {
  const sorted = Float64Array.from(latencies).sort();
  const sum = latencies.reduce((a, b) => a + b, 0);
  return {
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? null),
    mean: round(latencies.length ? sum / latencies.length : null),
  };
}

/** One POST over a keep-alive agent; resolves { status, body? } (body only when asked for). */
function post(agent, target, { keepBody = false } = {}) {
  return new Promise((resolve) => {
    const request = http.request(
      { agent, host: target.host, port: target.port, path: target.path, method: 'POST', headers: target.headers, timeout: REQUEST_TIMEOUT_MS },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => keepBody && chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode, body: keepBody ? Buffer.concat(chunks).toString('utf8') : undefined }));
        response.on('error', (error) => resolve({ status: 0, error: error.message }));
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error) => resolve({ status: 0, error: error.message }));
    request.end(target.body);
  });
}

/** `concurrency` loops sending requests back to back until `durationMs` has passed. */
async function loadSlice(target, { concurrency, durationMs, pgid }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = [];
  const failures = {};
  let sent = 0;
  const cpuBefore = pgid ? groupCpuSeconds(pgid) : null;
  const started = performance.now();
  const deadline = started + durationMs;
  async function loop() {
    while (performance.now() < deadline && sent < MAX_REQUESTS_PER_RUN) {
      sent += 1;
      const t0 = performance.now();
      const result = await post(agent, target);
      const elapsed = performance.now() - t0;
      if (result.status === 200) latencies.push(elapsed);
      else {
        const key = result.error ?? String(result.status);
        failures[key] = (failures[key] ?? 0) + 1;
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, loop));
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = pgid ? groupCpuSeconds(pgid) : null;
  agent.destroy();
  return { latencies, failures, seconds, cpuSeconds: cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null };
}

/** One target's slices of a run, summed: req/s over the measured time, latency over every request. */
function summarizeSlices(concurrency, slices) {
  const latencies = slices.flatMap((slice) => slice.latencies);
  const failures = {};
  for (const slice of slices) for (const [key, count] of Object.entries(slice.failures)) failures[key] = (failures[key] ?? 0) + count;
  const errors = Object.values(failures).reduce((a, b) => a + b, 0);
  const seconds = slices.reduce((sum, slice) => sum + slice.seconds, 0);
  const cpu = slices.every((slice) => slice.cpuSeconds !== null) ? slices.reduce((sum, slice) => sum + slice.cpuSeconds, 0) : null;
  return {
    concurrency,
    seconds: round(seconds),
    requests: latencies.length + errors,
    ok: latencies.length,
    errors,
    ...(errors ? { failures } : {}),
    rps: round(latencies.length / seconds, 1),
    rpsPerSlice: slices.map((slice) => round(slice.latencies.length / slice.seconds, 1)),
    latencyMs: summarize(latencies),
    serverCpuMsPerRequest: cpu !== null && latencies.length ? round((cpu * 1000) / latencies.length, 3) : null,
  };
}

function decodeJwt(token) {
  const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
  return { header, payload };
}

/** One request through the same path as the load, checking that a real token comes back. */
async function checkTokenTarget(name, target) {
  const agent = new http.Agent({ keepAlive: false });
  const result = await post(agent, target, { keepBody: true });
  agent.destroy();
  if (result.status !== 200) throw new Error(`${name}: token request answered ${result.status}: ${result.body ?? result.error}`);
  const body = JSON.parse(result.body);
  const { header, payload } = decodeJwt(body.access_token);
  if (header.alg !== 'RS256' || payload.scope !== 'read_user') throw new Error(`${name}: unexpected token ${JSON.stringify({ header, payload })}`);
  return { header, claims: Object.keys(payload).sort(), responseFields: Object.keys(body).sort() };
}

// ---------------------------------------------------------------------------------------------
// The hosted sign-in flow over HTTP

function cookieFrom(response, prefix) {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    if (pair.startsWith(prefix) && !/=$/.test(pair)) return pair;
  }
  return null;
}

async function expectStatus(response, status, step) {
  if (response.status !== status) {
    const text = await response.text().catch(() => '');
    throw new Error(`${step}: expected ${status}, got ${response.status} ${text.slice(0, 300)}`);
  }
}

/** A fresh authorization request of the SPA (the browser follows it to the sign-in page). */
function budgetAuthorizeUrl(baseURL, fixtures) {
  const url = new URL('/oauth2/v1/authorize', baseURL);
  const verifier = randomBytes(32).toString('base64url');
  for (const [key, value] of Object.entries({
    response_type: 'code', client_id: fixtures.spa.clientId, redirect_uri: fixtures.spa.redirectUri, scope: 'openid profile',
    state: randomBytes(8).toString('hex'), code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
  })) url.searchParams.set(key, value);
  return url.href;
}

async function flowOnce(baseURL, fixtures) {
  const times = {};
  const timed = async (step, fn) => {
    const t0 = performance.now();
    const value = await fn();
    times[step] = performance.now() - t0;
    return value;
  };
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const state = randomBytes(8).toString('hex');
  const nonce = randomBytes(8).toString('hex');
  const started = performance.now();

  const authorizeUrl = new URL('/oauth2/v1/authorize', baseURL);
  for (const [key, value] of Object.entries({
    response_type: 'code', client_id: fixtures.spa.clientId, redirect_uri: fixtures.spa.redirectUri, scope: 'openid profile offline_access',
    state, nonce, code_challenge: challenge, code_challenge_method: 'S256', prompt: 'consent',
  })) authorizeUrl.searchParams.set(key, value);
  const signInUrl = await timed('authorize', async () => {
    const response = await fetch(authorizeUrl, { redirect: 'manual' });
    await expectStatus(response, 302, 'authorize');
    return { location: response.headers.get('location'), cookie: cookieFrom(response, 'tessera_ar_') };
  });
  const requestId = new URL(signInUrl.location).searchParams.get('request');
  if (!requestId || !signInUrl.cookie) throw new Error(`authorize: no request id or cookie (${signInUrl.location})`);
  const browser = { cookie: signInUrl.cookie, origin: baseURL };

  await timed('signInPage', async () => {
    const response = await fetch(signInUrl.location, { headers: { cookie: browser.cookie }, redirect: 'manual' });
    await expectStatus(response, 200, 'sign-in page');
    await response.text();
  });
  const postJson = async (pathname, body) => {
    const response = await fetch(new URL(pathname, baseURL), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: browser.origin, cookie: browser.cookie },
      body: JSON.stringify(body),
    });
    await expectStatus(response, 200, pathname);
    return (await response.json()).redirectTo;
  };
  const consentUrl = await timed('password', () => postJson('/identity/v1/authorize-password', { requestId, email: fixtures.user.email, password: fixtures.user.password }));
  if (!consentUrl.includes('/identity/v1/consent')) throw new Error(`password: expected the consent page, got ${consentUrl}`);
  await timed('consentPage', async () => {
    const response = await fetch(consentUrl, { headers: { cookie: browser.cookie }, redirect: 'manual' });
    await expectStatus(response, 200, 'consent page');
    await response.text();
  });
  const callback = new URL(await timed('consent', () => postJson('/identity/v1/app-consent', { requestId, decision: 'allow' })));
  const code = callback.searchParams.get('code');
  if (!code || callback.searchParams.get('state') !== state) throw new Error(`consent: no code or wrong state in ${callback}`);

  const tokens = await timed('token', async () => {
    const response = await fetch(new URL('/oauth2/v1/token', baseURL), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: fixtures.spa.redirectUri, client_id: fixtures.spa.clientId }),
    });
    await expectStatus(response, 200, 'token');
    return response.json();
  });
  if (!tokens.access_token || !tokens.id_token || !tokens.refresh_token) throw new Error(`token: incomplete response ${JSON.stringify(tokens)}`);
  if (decodeJwt(tokens.id_token).payload.nonce !== nonce) throw new Error('token: the ID token does not carry the nonce');
  times.total = performance.now() - started;
  return times;
}

async function flowRun(baseURL, fixtures, iterations) {
  for (let i = 0; i < 2; i++) await flowOnce(baseURL, fixtures); // warm-up: first renders, JIT
  const samples = [];
  for (let i = 0; i < iterations; i++) samples.push(await flowOnce(baseURL, fixtures));
  const steps = Object.fromEntries(Object.keys(samples[0]).map((step) => [step, summarize(samples.map((sample) => sample[step]))]));
  return { iterations, steps };
}

// ---------------------------------------------------------------------------------------------
// Report

function machineInfo() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
  };
}

function gitInfo() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return null;
  }
}

const USERS_LIST_REPORT = path.join(RESULTS_DIR, 'users-list.json');
const USERS_LIST_TIMEOUT_MS = 10 * 60_000;

/** bench/users-list.mjs in a child process: its report, or why there is none. */
function usersListRun() {
  if (process.env.BENCH_USERS_LIST === '0') return { skipped: 'BENCH_USERS_LIST=0' };
  const started = Date.now();
  const env = { ...baseEnv };
  env.BENCH_DATABASE_URL ??= process.env.DATABASE_URL;
  if (!env.BENCH_DATABASE_URL) delete env.BENCH_DATABASE_URL;
  const child = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'users-list.mjs')], { cwd: ROOT, env, encoding: 'utf8', timeout: USERS_LIST_TIMEOUT_MS });
  // exit code 1 with a fresh report = measured, above the target
  const report = fs.existsSync(USERS_LIST_REPORT) ? JSON.parse(fs.readFileSync(USERS_LIST_REPORT, 'utf8')) : null;
  if (report && Date.parse(report.measuredAt) >= started) return report;
  const reason = `${child.error?.message ?? ''}${child.stderr ?? ''}`.trim().split('\n').slice(-3).join(' ');
  return { skipped: `bench/users-list.mjs exited with ${child.status ?? child.signal}: ${reason}` };
}

const ADMIN_USERS_PAGE_REPORT = path.join(RESULTS_DIR, 'admin-users-page.json');

/** bench/admin-users-page.mjs in a child process (the dashboard's users page at 100,000 users in Chromium). */
function adminUsersPageRun() {
  if (process.env.BENCH_USERS_LIST === '0') return { skipped: 'BENCH_USERS_LIST=0' };
  const started = Date.now();
  const env = { ...baseEnv };
  env.BENCH_DATABASE_URL ??= process.env.DATABASE_URL;
  if (!env.BENCH_DATABASE_URL) delete env.BENCH_DATABASE_URL;
  const child = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'admin-users-page.mjs')], { cwd: ROOT, env, encoding: 'utf8', timeout: USERS_LIST_TIMEOUT_MS });
  const report = fs.existsSync(ADMIN_USERS_PAGE_REPORT) ? JSON.parse(fs.readFileSync(ADMIN_USERS_PAGE_REPORT, 'utf8')) : null;
  if (report && Date.parse(report.measuredAt) >= started) return report;
  const reason = `${child.error?.message ?? ''}${child.stderr ?? ''}`.trim().split('\n').slice(-3).join(' ');
  return { skipped: `bench/admin-users-page.mjs exited with ${child.status ?? child.signal}: ${reason}` };
}

function formatAdminUsersPage(report) {
  if (report.skipped) return `/admin/users at 100,000 users: skipped (${report.skipped})`;
  return [
    `/admin/users in Chromium, ${report.users} users, navigation → first row visible (ms; target p95 ≤ ${report.targetMs}): ${report.pass ? 'pass' : 'FAIL'}`,
    `${''.padEnd(16)}${pad('p50', 9)}${pad('p95', 9)}${pad('max', 9)}`,
    ...Object.entries(report.scenarios).map(([name, data]) => `${name.padEnd(16)}${pad(data.p50Ms, 9)}${pad(data.p95Ms, 9)}${pad(data.maxMs, 9)}`),
  ].join('\n');
}

function formatUsersList(report) {
  if (report.skipped) return `GET /api/v1/users at 100,000 users: skipped (${report.skipped})`;
  const line = (label, data) => `${label.padEnd(16)}${pad(data.handler.p50Ms, 9)}${pad(data.handler.p95Ms, 9)}${pad(data.service.p95Ms, 14)}`;
  return [
    `GET /api/v1/users, page_size 20, ${report.users} users on PostgreSQL ${report.postgres.split(' ')[0]} (ms; target p95 < ${report.targetP95Ms}): ${report.pass ? 'pass' : 'FAIL'}`,
    `${''.padEnd(16)}${pad('p50', 9)}${pad('p95', 9)}${pad('service p95', 14)}`,
    line('without search', report.withoutSearch),
    line('with search', report.withSearch),
  ].join('\n');
}

const pad = (value, width) => String(value ?? '–').padStart(width);

function printTable(result) {
  const lines = [];
  lines.push('');
  lines.push(`client_credentials (RS256 JWT), ${DURATION_MS / 1000} s per target in ${ROUNDS} alternating slices after ${WARMUP_MS / 1000} s warm-up — database: ${result.database.kind}`);
  lines.push(`${'target'.padEnd(10)}${pad('conc', 6)}${pad('req/s', 9)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('cpu ms/req', 12)}${pad('errors', 8)}   slices req/s`);
  for (const run of result.clientCredentials) {
    for (const [name, data] of [['tessera', run.tessera], ['bare next', run.bare]]) {
      lines.push(
        `${name.padEnd(10)}${pad(run.concurrency, 6)}${pad(data.rps, 9)}${pad(data.latencyMs.p50, 9)}${pad(data.latencyMs.p99, 9)}` +
          `${pad(data.serverCpuMsPerRequest, 12)}${pad(data.errors, 8)}   ${data.rpsPerSlice.join(' ')}`,
      );
    }
    lines.push(`${'ratio'.padEnd(10)}${pad(run.concurrency, 6)}${pad(run.ratio, 9)}   (tessera req/s ÷ bare req/s)`);
  }
  lines.push('');
  lines.push(`hosted sign-in flow over HTTP, ${result.flow.iterations} iterations (ms)`);
  lines.push(`${'step'.padEnd(14)}${pad('p50', 9)}${pad('p99', 9)}${pad('mean', 9)}`);
  for (const [step, data] of Object.entries(result.flow.steps)) lines.push(`${step.padEnd(14)}${pad(data.p50, 9)}${pad(data.p99, 9)}${pad(data.mean, 9)}`);
  lines.push('');
  lines.push(formatSignInJsBudget(result.signInJsBudget));
  lines.push('');
  lines.push(formatUsersList(result.usersList));
  lines.push('');
  lines.push(formatAdminUsersPage(result.adminUsersPage));
  lines.push('');
  lines.push(`machine: ${result.machine.cpus} × ${result.machine.cpuModel}, node ${result.machine.node}; load average before ${result.loadAverage.before.join(' / ')}, after ${result.loadAverage.after.join(' / ')}`);
  if (Math.max(result.loadAverage.before[0], result.loadAverage.after[0]) > result.machine.cpus) {
    lines.push('note: the machine was busy with other work (1-min load average above the core count): req/s and latency are noisy; cpu ms/req and the ratio of alternating slices are the steadier figures');
  }
  console.log(lines.join('\n'));
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const benchStarted = performance.now();
  const loadBefore = os.loadavg().map((value) => round(value));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-'));
  const dataDir = path.join(workDir, 'data');
  const serverLog = path.join(workDir, 'tessera.log');
  const baselineLog = path.join(workDir, 'baseline.log');
  let throwaway = null;
  let ok = false;
  let cleaning = null;
  cleanup = (succeeded) =>
    (cleaning ??= (async () => {
      await stopAll();
      if (throwaway) {
        await adminQuery(throwaway.adminUrl, `DROP DATABASE IF EXISTS "${throwaway.name}" WITH (FORCE)`).catch((error) =>
          log(`could not drop ${throwaway.name}: ${error.message}`),
        );
      }
      if (succeeded) fs.rmSync(workDir, { recursive: true, force: true });
      else {
        fs.rmSync(dataDir, { recursive: true, force: true });
        log(`server logs kept in ${workDir}`);
      }
    })());
  try {
    const appBuild = buildAppIfStale();
    const baselineBuild = buildBaseline();

    const port = await pickPort();
    const baseURL = `http://localhost:${port}`;
    const env = {
      ...baseEnv,
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      AUTH_SERVER_URL: baseURL,
      PORT: String(port),
      HOSTNAME: 'localhost',
      SECRET_KEY: randomBytes(32).toString('hex'),
    };
    let database;
    if (process.env.DATABASE_URL) {
      const name = `tessera_bench_${randomBytes(6).toString('hex')}`;
      await adminQuery(process.env.DATABASE_URL, `CREATE DATABASE "${name}"`);
      throwaway = { adminUrl: process.env.DATABASE_URL, name };
      const url = new URL(process.env.DATABASE_URL);
      url.pathname = `/${name}`;
      env.DATABASE_URL = url.toString();
      const version = (await adminQuery(env.DATABASE_URL, 'SHOW server_version')).rows[0].server_version;
      database = { kind: `PostgreSQL ${version}`, server: describeDatabaseUrl(env.DATABASE_URL), poolMax: Number(env.DATABASE_POOL_MAX || 10) };
    } else {
      delete env.DATABASE_URL;
      env.EMBEDDED_DB_PORT = String(await pickPort());
      database = { kind: 'embedded PGlite', server: `127.0.0.1:${env.EMBEDDED_DB_PORT}`, poolMax: 1 };
    }
    log(`database: ${database.kind} (${database.server}), DATA_DIR ${dataDir}`);

    const server = startGroup(
      process.execPath,
      ['scripts/with-db.mjs', '--migrate', '--seed', path.join(BIN, 'next'), 'start', '-H', 'localhost', '-p', String(port)],
      { cwd: ROOT, env, logFile: serverLog },
    );
    const basePort = await pickPort();
    const bareURL = `http://localhost:${basePort}`;
    const bare = startGroup(path.join(BIN, 'next'), ['start', '-H', 'localhost', '-p', String(basePort)], {
      cwd: baselineBuild.dir,
      env: { ...baseEnv, NODE_ENV: 'production', AUTH_SERVER_URL: bareURL },
      logFile: baselineLog,
    });
    log(`starting tessera on ${baseURL} (group ${server.pid}) and the baseline on ${bareURL} (group ${bare.pid})`);
    const readyStarted = performance.now();
    await waitForUrl(`${baseURL}/.well-known/openid-configuration`, server, serverLog, {
      check: async (response) => response.ok && (await response.json()).issuer === baseURL,
    });
    await waitForUrl(`${bareURL}/token`, bare, baselineLog, {
      method: 'POST',
      init: { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' },
      check: async (response) => response.ok,
    });
    log(`servers ready in ${((performance.now() - readyStarted) / 1000).toFixed(1)} s; creating fixtures with the CLI`);

    const cliEnv = { ...env };
    delete cliEnv.NODE_ENV;
    const s2s = cli(cliEnv, ['app', 'create', '--name', 'Bench S2S', '--type', 's2s', '--scope', 'read_user']);
    const redirectUri = `${baseURL}/bench/callback`;
    const spa = cli(cliEnv, ['app', 'create', '--name', 'Bench SPA', '--type', 'spa', '--redirect-uri', redirectUri]);
    const user = { email: `bench-${randomBytes(4).toString('hex')}@example.com`, password: `Pw-${randomBytes(12).toString('base64url')}` };
    cli(cliEnv, ['user', 'create', '--email', user.email, '--password', user.password, '--first-name', 'Bench', '--verified']);
    const fixtures = { spa: { clientId: spa.clientId, redirectUri }, user };

    const body = new URLSearchParams({ grant_type: 'client_credentials', scope: 'read_user' }).toString();
    const basicFor = (id, secret) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
    const headers = (authorization) => ({
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(body),
      authorization,
    });
    const targets = {
      tessera: { host: 'localhost', port, path: '/oauth2/v1/token', body, headers: headers(basicFor(s2s.clientId, s2s.clientSecret)), pgid: server.pid },
      bare: { host: 'localhost', port: basePort, path: '/token', body, headers: headers(basicFor(s2s.clientId, 'unused')), pgid: bare.pid },
    };
    const shapes = { tessera: await checkTokenTarget('tessera', targets.tessera), bare: await checkTokenTarget('bare', targets.bare) };

    // The machine may be shared: each target's DURATION_MS is cut into ROUNDS slices that alternate
    // with the other target's (ABBA order), so both see the same background load on average.
    const clientCredentials = [];
    for (const concurrency of CONCURRENCIES) {
      log(`client_credentials, concurrency ${concurrency}: ${WARMUP_MS / 1000} s warm-up each, then ${ROUNDS} alternating slices of ${DURATION_MS / ROUNDS / 1000} s per target`);
      for (const name of ['tessera', 'bare']) await loadSlice(targets[name], { concurrency, durationMs: WARMUP_MS });
      const slices = { tessera: [], bare: [] };
      for (let i = 0; i < ROUNDS; i++) {
        for (const name of i % 2 === 0 ? ['tessera', 'bare'] : ['bare', 'tessera']) {
          slices[name].push(await loadSlice(targets[name], { concurrency, durationMs: DURATION_MS / ROUNDS, pgid: targets[name].pgid }));
        }
      }
      const row = { concurrency, tessera: summarizeSlices(concurrency, slices.tessera), bare: summarizeSlices(concurrency, slices.bare) };
      row.ratio = round(row.tessera.rps / row.bare.rps, 2);
      clientCredentials.push(row);
    }

    log(`sign-in flow: ${FLOW_ITERATIONS} iterations (+2 warm-up)`);
    const flow = await flowRun(baseURL, fixtures, FLOW_ITERATIONS);

    log('sign-in page JavaScript: build manifest and a Chromium load (bench/sign-in-js-budget.mjs)');
    const signInJsBudget = await measureSignInJsBudget({ root: ROOT, authorizeUrl: budgetAuthorizeUrl(baseURL, fixtures) });

    log('GET /api/v1/users at 100,000 users on PostgreSQL (bench/users-list.mjs)');
    const usersList = usersListRun();

    log('/admin/users at 100,000 users in Chromium (bench/admin-users-page.mjs)');
    const adminUsersPage = adminUsersPageRun();

    const result = {
      startedAt: new Date(Date.now() - (performance.now() - benchStarted)).toISOString(),
      durationSeconds: 0,
      machine: machineInfo(),
      loadAverage: { before: loadBefore, after: os.loadavg().map((value) => round(value)) },
      git: gitInfo(),
      next: baselineBuild.nextVersion,
      database,
      builds: { app: appBuild, baseline: { built: baselineBuild.built, seconds: round(baselineBuild.seconds, 1) } },
      settings: { durationMs: DURATION_MS, rounds: ROUNDS, warmupMs: WARMUP_MS, concurrencies: CONCURRENCIES, flowIterations: FLOW_ITERATIONS },
      tokenShapes: shapes,
      clientCredentials,
      flow,
      usersList,
      adminUsersPage,
      signInJsBudget,
    };
    result.builds.app.seconds = round(result.builds.app.seconds, 1);
    result.durationSeconds = round((performance.now() - benchStarted) / 1000, 1);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const stamp = result.startedAt.replace(/[:.]/g, '-');
    const json = `${JSON.stringify(result, null, 2)}\n`;
    fs.writeFileSync(path.join(RESULTS_DIR, `${stamp}.json`), json);
    fs.writeFileSync(path.join(RESULTS_DIR, 'latest.json.tmp'), json);
    fs.renameSync(path.join(RESULTS_DIR, 'latest.json.tmp'), path.join(RESULTS_DIR, 'latest.json'));
    printTable(result);
    log(`wrote bench/results/${stamp}.json and bench/results/latest.json (${result.durationSeconds} s in all)`);
    ok = true;
  } finally {
    await cleanup(ok);
  }
}

main().catch((error) => {
  console.error(`[bench] failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
});
