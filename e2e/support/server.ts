// Server lifecycle for the e2e suite (used by e2e/global-setup.ts and e2e/global-teardown.ts).
//
// Starts `node scripts/with-db.mjs --migrate --seed node scripts/serve.mjs` (npm run serve's server, on
// HOSTNAME=localhost and PORT: E2E_PORT, else a free ephemeral one) as the leader of its own process
// group, so that the whole suite runs on the production server of Node hosting, with
//   - a fresh temporary DATA_DIR and its own EMBEDDED_DB_PORT (never the developer's .data / 55440), or,
//     when DATABASE_URL is set (a real PostgreSQL), a throwaway database tessera_e2e_<random> on
//     that server (dropped at the end);
//   - AUTH_SERVER_URL=http://localhost:<port> and a random SECRET_KEY;
// waits for the discovery document, and stops the whole group at the end (SIGTERM, then SIGKILL).
// The server's output goes to test-results/e2e-server.log.
import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const RESULTS_DIR = path.join(ROOT, 'test-results');
export const SERVER_LOG = path.join(RESULTS_DIR, 'e2e-server.log');
const STATE_FILE = path.join(RESULTS_DIR, 'e2e-server.json');
const BIN = path.join(ROOT, 'node_modules', '.bin');

const READY_TIMEOUT_MS = 180_000; // first start: PGlite initdb (4–9 s, more under load) + migrations + seed
const STOP_GRACE_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) => console.log(`[e2e] ${message}`);

/** What teardown needs to undo the setup; also written to test-results/e2e-server.json. */
export interface ServerState {
  pid: number;
  dataDir: string;
  /** Throwaway database on a real PostgreSQL (DATABASE_URL runs). */
  database?: { adminUrl: string; name: string };
  /** A spec's own extra server (startServer({ name })): not the suite's, no state file. */
  name?: string;
}

// ---------------------------------------------------------------------------------------------
// Build

// Same sources as scripts/start.mjs; test files do not change the build.
const BUILD_SOURCES = ['app', 'components', 'lib', 'messages', 'public', 'instrumentation.ts', 'proxy.ts', 'next.config.ts', 'package.json'];

function newestSourceMtime(entry: string): number {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(entry) ? 0 : stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(full)) {
    if (child === 'generated' || child === 'node_modules') continue;
    newest = Math.max(newest, newestSourceMtime(path.join(entry, child)));
  }
  return newest;
}

/** Builds the app unless .next holds a build newer than every source (E2E_SKIP_BUILD=1 skips the check). */
export function buildIfStale(): void {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  const buildId = path.join(ROOT, '.next', 'BUILD_ID');
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  if (builtAt && !BUILD_SOURCES.some((entry) => newestSourceMtime(entry) > builtAt)) return;
  log(builtAt ? 'sources changed since the last build: next build' : 'no build yet: next build');
  const result = spawnSync(path.join(BIN, 'next'), ['build'], {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`next build failed (${result.status ?? result.signal})`);
}

// ---------------------------------------------------------------------------------------------
// Ports and databases

function listenOnce(port: number, host: string): Promise<number | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(null));
    server.listen({ port, host, exclusive: true }, () => {
      const address = server.address();
      const chosen = typeof address === 'object' && address ? address.port : null;
      server.close(() => resolve(chosen));
    });
  });
}

// Ports a developer's own servers use by default (next on 3000, the embedded database on 55440):
// never picked, so that a developer can start theirs while the suite runs.
const RESERVED_PORTS = new Set([3000, 3100, 55440]);

/**
 * `preferred` when given (it must be free), else a free ephemeral port from the kernel: parallel
 * runs (other checkouts, other engineers) then do not race for one well-known port.
 */
export async function pickPort(preferred?: number, taken: ReadonlySet<number> = new Set()): Promise<number> {
  if (preferred) {
    if ((await listenOnce(preferred, 'localhost')) === null) throw new Error(`port ${preferred} is in use on localhost`);
    return preferred;
  }
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await listenOnce(0, '127.0.0.1');
    // `taken`: ports already handed out to this server but not bound yet (the kernel may offer a
    // just-released port again).
    if (port !== null && !RESERVED_PORTS.has(port) && !taken.has(port) && (await listenOnce(port, 'localhost')) !== null) return port;
  }
  throw new Error('no free TCP port on localhost');
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function createThrowawayDatabase(adminUrl: string): Promise<{ url: string; name: string }> {
  const name = `tessera_e2e_${randomBytes(6).toString('hex')}`;
  try {
    await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  } catch (error) {
    const where = new URL(adminUrl);
    where.password = where.password ? '***' : '';
    throw new Error(`DATABASE_URL is set, but the e2e suite cannot create its database on ${where}: ${(error as Error).message}`);
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

// ---------------------------------------------------------------------------------------------
// Start / stop

export interface StartedServer {
  baseURL: string;
  /**
   * What `node scripts/with-db.mjs …` commands (the CLI) need to reach this server's database, to be
   * laid over process.env. DATABASE_URL is '' for the embedded database (with-db then uses DATA_DIR).
   */
  cliEnv: Record<string, string>;
  state: ServerState;
}

/** The variables that point the CLI at a server's database and configuration. */
export function cliEnvFrom(env: NodeJS.ProcessEnv): Record<string, string> {
  const keys = ['DATA_DIR', 'EMBEDDED_DB_PORT', 'DATABASE_URL', 'AUTH_SERVER_URL', 'SECRET_KEY'] as const;
  return Object.fromEntries(keys.map((key) => [key, env[key] ?? ''])) as Record<string, string>;
}

function tail(file: string, lines = 60): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

const groupAlive = (pid: number) => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

async function waitForReady(baseURL: string, child: { exitCode: number | null; signalCode: NodeJS.Signals | null }, serverLog = SERVER_LOG, issuer = baseURL) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${tail(serverLog)}`);
    }
    try {
      const response = await fetch(`${baseURL}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) {
        const document = (await response.json()) as { issuer?: string };
        if (document.issuer === issuer) return;
        lastProblem = `discovery issuer is ${document.issuer}, expected ${issuer}`;
      } else {
        lastProblem = `discovery answered ${response.status}`;
      }
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`the server was not ready within ${READY_TIMEOUT_MS / 1000} s (${lastProblem}):\n${tail(serverLog)}`);
}

/**
 * The suite's server; or, with `name`, an extra one that a spec starts with its own variables
 * (`env`, e.g. ENABLE_PASSWORDLESS_SIGN_IN) and stops itself: own port, database and log
 * (test-results/e2e-server-<name>.log), no state file. With `shareDatabaseOf` (another server's
 * cliEnv), it serves that server's database, secret key and issuer instead of its own (no migration,
 * no seed, nothing dropped at the end): a second adapter of the same deployment.
 */
/** The machine's PostgreSQL (every developer machine and CI runs one on loopback), for specs that need a real one. */
export const LOCAL_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export async function startServer(
  own: { name?: string; env?: Record<string, string>; postgres?: boolean; shareDatabaseOf?: Record<string, string> } = {},
): Promise<StartedServer> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const serverLog = own.name ? path.join(RESULTS_DIR, `e2e-server-${own.name}.log`) : SERVER_LOG;
  const port = await pickPort((!own.name && Number(process.env.E2E_PORT)) || undefined);
  const baseURL = `http://localhost:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-e2e-'));

  const env: NodeJS.ProcessEnv = {
    // Features the hosted-page specs exercise (off in a default deployment, inert without data:
    // orgs, memberships, banners); the caller's environment wins.
    ENABLE_ORG: 'true',
    ALLOW_USER_SWITCH_ORG_ON_SIGN_IN: 'true',
    ENABLE_APP_BANNER: 'true',
    // npm run serve knows the client IP (the socket's): every request of the suite comes from one
    // loopback address, and the per-IP cap on emails and SMS would stop the suite's sign-ups midway.
    IP_SEND_THRESHOLD: '0',
    AUTHORIZE_IP_THRESHOLD: '0',
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    DATA_DIR: dataDir,
    AUTH_SERVER_URL: baseURL,
    PORT: String(port),
    HOSTNAME: 'localhost',
    SECRET_KEY: randomBytes(32).toString('hex'),
    ...own.env,
  };
  const state: ServerState = { pid: 0, dataDir, ...(own.name ? { name: own.name } : {}) };
  // `postgres`: the spec needs a real PostgreSQL (DATABASE_URL's server, else the machine's own).
  const postgresUrl = process.env.DATABASE_URL || (own.postgres ? LOCAL_POSTGRES_URL : '');
  const shared = own.shareDatabaseOf;
  if (shared) {
    for (const [key, value] of Object.entries(shared)) {
      if (value) env[key] = value;
      else delete env[key];
    }
    log(`database: shared with ${shared.AUTH_SERVER_URL}`);
  } else if (postgresUrl) {
    const database = await createThrowawayDatabase(postgresUrl).catch((error: unknown) => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw error;
    });
    state.database = { adminUrl: postgresUrl, name: database.name };
    env.DATABASE_URL = database.url;
    log(`database: ${database.name} on ${new URL(postgresUrl).host} (dropped at the end)`);
  } else {
    delete env.DATABASE_URL;
    env.EMBEDDED_DB_PORT = String(await pickPort(undefined, new Set([port])));
    log(`database: embedded PGlite in ${dataDir} on 127.0.0.1:${env.EMBEDDED_DB_PORT}`);
  }

  const logFd = fs.openSync(serverLog, 'w');
  const options: SpawnOptions = { cwd: ROOT, env, detached: true, stdio: ['ignore', logFd, logFd] };
  const child = spawn(
    process.execPath,
    ['scripts/with-db.mjs', ...(shared ? [] : ['--migrate', '--seed']), process.execPath, 'scripts/serve.mjs'],
    options,
  );
  fs.closeSync(logFd);
  if (!child.pid) throw new Error('could not start the server');
  child.unref(); // the group is stopped by teardown; it must not keep the runner alive on its own
  state.pid = child.pid;
  if (!own.name) fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
  // Last resort if the runner dies without teardown (e.g. killed): do not leave the group behind.
  process.once('exit', () => {
    if (groupAlive(state.pid)) process.kill(-state.pid, 'SIGKILL');
  });

  log(`starting ${baseURL} (pid ${child.pid}, log ${path.relative(ROOT, serverLog)})`);
  const started = Date.now();
  try {
    await waitForReady(baseURL, child, serverLog, env.AUTH_SERVER_URL);
  } catch (error) {
    await stopServer(state);
    throw error;
  }
  log(`server ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { baseURL, cliEnv: cliEnvFrom(env), state };
}

/** Stops the server's whole process group and removes its data. Idempotent. */
export async function stopServer(state: ServerState | null = readState()): Promise<void> {
  if (!state) return;
  if (state.pid && groupAlive(state.pid)) {
    process.kill(-state.pid, 'SIGTERM');
    const deadline = Date.now() + STOP_GRACE_MS;
    while (groupAlive(state.pid) && Date.now() < deadline) await sleep(100);
    if (groupAlive(state.pid)) {
      log(`process group ${state.pid} still alive after ${STOP_GRACE_MS / 1000} s: SIGKILL`);
      process.kill(-state.pid, 'SIGKILL');
      while (groupAlive(state.pid)) await sleep(50);
    }
    log(`server stopped (process group ${state.pid})`);
  }
  fs.rmSync(state.dataDir, { recursive: true, force: true });
  if (state.database) {
    await adminQuery(state.database.adminUrl, `DROP DATABASE IF EXISTS "${state.database.name}" WITH (FORCE)`).catch((error: Error) =>
      log(`could not drop ${state.database!.name}: ${error.message}`),
    );
  }
  if (!state.name) fs.rmSync(STATE_FILE, { force: true });
}

function readState(): ServerState | null {
  try {
    return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as ServerState;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// CLI

/** Runs `npm run cli -- <args> --json` with cliEnv laid over process.env; returns the JSON. */
export async function cli(cliEnv: Record<string, string>, args: string[]): Promise<Record<string, unknown>> {
  const child = spawn(process.execPath, ['scripts/with-db.mjs', 'tsx', 'scripts/cli.ts', ...args, '--json'], {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...cliEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const json = stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('{'))
    .pop();
  const result = json ? (JSON.parse(json) as Record<string, unknown>) : null;
  if (code !== 0 || !result || 'error' in result) {
    throw new Error(`cli ${args.slice(0, 2).join(' ')} failed (exit ${code}):\n${stdout}\n${stderr}`);
  }
  return result;
}
