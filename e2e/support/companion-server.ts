// A second server on the suite's database with other settings (e.g. BLOCKED_POLICIES), for the few
// checks that need a configuration the main server does not have. It runs the same build and
// reuses the main server's database (with-db reuses the embedded server of DATA_DIR), on its own
// free port, and is stopped (its whole process group) by stop().
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { E2eFixtures } from './fixtures';
import { pickPort, RESULTS_DIR, ROOT } from './server';

const READY_TIMEOUT_MS = 90_000;

export interface CompanionServer {
  baseURL: string;
  stop(): Promise<void>;
}

/** Only when the suite started the main server itself (its data dir is known). */
export function canStartCompanion(fixtures: E2eFixtures): boolean {
  return Boolean(fixtures.cliEnv.DATA_DIR || fixtures.cliEnv.DATABASE_URL);
}

export async function startCompanionServer(fixtures: E2eFixtures, name: string, settings: Record<string, string>): Promise<CompanionServer> {
  const port = await pickPort();
  const baseURL = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...fixtures.cliEnv, ...settings, AUTH_SERVER_URL: baseURL, PORT: String(port), HOSTNAME: 'localhost' };
  if (!env.DATABASE_URL) delete env.DATABASE_URL;
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const logFd = fs.openSync(path.join(RESULTS_DIR, `e2e-server-${name}.log`), 'w');
  const child = spawn(process.execPath, ['scripts/with-db.mjs', path.join(ROOT, 'node_modules', '.bin', 'next'), 'start', '-H', 'localhost', '-p', String(port)], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  fs.closeSync(logFd);
  const pid = child.pid!;
  const alive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const stop = async () => {
    if (!alive()) return;
    process.kill(-pid, 'SIGTERM');
    for (let i = 0; i < 100 && alive(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    if (alive()) process.kill(-pid, 'SIGKILL');
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the ${name} server exited (${child.exitCode}); see test-results/e2e-server-${name}.log`);
    try {
      const response = await fetch(`${baseURL}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return { baseURL, stop };
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`the ${name} server was not ready within ${READY_TIMEOUT_MS / 1000} s`);
}
