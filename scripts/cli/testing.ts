// Runs the CLI as a deployer does: `node scripts/with-db.mjs tsx scripts/cli.ts …` in a child
// process, with exactly the environment given (plus PATH), so the test runner's own database
// variables never leak in.
import { execFile } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string | undefined>, timeoutMs = 120_000): Promise<CliRun> {
  const childEnv: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME, NEXT_TELEMETRY_DISABLED: '1' };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) childEnv[key] = value;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['scripts/with-db.mjs', path.join(ROOT, 'node_modules/.bin/tsx'), 'scripts/cli.ts', ...args],
      { cwd: ROOT, env: childEnv as NodeJS.ProcessEnv, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** The last JSON line of stdout. */
export function lastJson(run: CliRun): Record<string, unknown> {
  const line = run.stdout.trim().split('\n').filter((text) => text.startsWith('{')).at(-1);
  if (!line) throw new Error(`no JSON output (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(line) as Record<string, unknown>;
}

/** No stack trace: no "    at …" frame and no Prisma code frame. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+\(.*:\d+:\d+\)$/m.test(text) || /^\s+at .+:\d+:\d+$/m.test(text) || /Invalid `.*` invocation/.test(text);
}

/** A TCP port free on 127.0.0.1 right now (for an embedded database of a test's own). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
