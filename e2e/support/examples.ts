// The example apps of examples/ in the e2e suite: the Vite apps are built with the environment
// a developer would put in their .env (the Tessera issuer, the app's client ID and URIs) and
// served as static files on a localhost port of their own, so they call Tessera cross-origin as
// deployed apps do. The apps run from the repository's node_modules, pinned to the versions of
// each example's package.json (examples/README.md says why).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { adminApi } from './admin-api';
import type { E2eFixtures } from './fixtures';
import { pickPort, ROOT } from './server';

const BIN = path.join(ROOT, 'node_modules', '.bin');

/** Runs a command to completion; rejects with its output on failure. */
export function run(command: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${path.basename(command)} ${args.join(' ')} exited ${code}:\n${output}`))));
  });
}

/** A new temporary directory for a build. */
export const buildDir = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `tessera-example-${name}-`));

/** `vite build` of examples/<name> with `env` (VITE_…) into `outDir`. */
export async function buildViteExample(name: string, outDir: string, env: Record<string, string>): Promise<void> {
  await run(path.join(BIN, 'vite'), ['build', path.join('examples', name), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { env });
}

export interface StaticSite {
  origin: string;
  close: () => Promise<void>;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

/**
 * Serves a built SPA on http://localhost:<port>: files as they are, any other path gets index.html.
 * Files are read per request, so the site can start before the build that needs its origin.
 */
export async function serveStatic(dir: string): Promise<StaticSite> {
  const port = await pickPort();
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = path.join(dir, path.normalize(pathname));
    const target = file.startsWith(dir) && fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(dir, 'index.html');
    response.writeHead(200, { 'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(target).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(port, 'localhost', resolve));
  return {
    origin: `http://localhost:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        fs.rmSync(dir, { recursive: true, force: true });
      }),
  };
}

/** A long-running example process (node server, next start) in its own process group, with its output kept for errors. */
export interface ExampleProcess {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

export function startProcess(command: string, args: string[], options: { cwd?: string; env: Record<string, string> }): ExampleProcess {
  const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const alive = () => child.exitCode === null && child.signalCode === null;
  process.once('exit', () => {
    if (alive()) process.kill(-child.pid!, 'SIGKILL');
  });
  return {
    child,
    output: () => output,
    stop: async () => {
      if (!alive()) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (alive()) process.kill(-child.pid!, 'SIGKILL');
    },
  };
}

/** Waits until `url` answers (any status) while the process lives. */
export async function waitForUrl(url: string, process: ExampleProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process.child.exitCode !== null) throw new Error(`exited (${process.child.exitCode}) before ${url} answered:\n${process.output()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000), redirect: 'manual' });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s:\n${process.output()}`);
}

export interface ExampleSpa {
  id: string;
  clientId: string;
}

/** A SPA app made through the S2S API with the settings an example's README asks for. */
export async function createExampleSpa(
  fixtures: E2eFixtures,
  body: { name: string; redirectUris: string[]; postLogoutRedirectUris: string[]; rotateRefreshTokens: boolean; scopes?: string[] },
): Promise<ExampleSpa> {
  const api = await adminApi(fixtures);
  const created = await api.call<{ app: ExampleSpa }>('POST', '/api/v1/apps', { type: 'spa', ...body });
  if (created.status !== 201) throw new Error(`app not created (${created.status}): ${JSON.stringify(created.body)}`);
  return created.body.app;
}

/** On Tessera's hosted sign-in page (in `page`, a tab or a popup): signs in and allows the consent when asked. */
export async function signInOnHostedPage(page: Page, user: { email: string; password: string }, done: (url: URL) => boolean): Promise<void> {
  await page.waitForURL((url) => url.pathname === '/identity/v1/sign-in', { timeout: 20_000 });
  const submit = page.getByRole('button', { name: 'Sign in', exact: true });
  await expect(submit).toBeEnabled({ timeout: 15_000 });
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await submit.click();
  await allowConsentIfAsked(page, done);
}

/** After a sign-in: the consent page (a user's first time at an app) is allowed; resolves once `done(url)`. */
export async function allowConsentIfAsked(page: Page, done: (url: URL) => boolean): Promise<void> {
  await page.waitForURL((url) => done(url) || url.pathname === '/identity/v1/consent', { timeout: 20_000 });
  if (new URL(page.url()).pathname === '/identity/v1/consent') {
    const allow = page.getByTestId('consent-form').getByRole('button', { name: 'Allow', exact: true });
    await expect(allow).toBeEnabled();
    await allow.click();
    await page.waitForURL(done, { timeout: 20_000 });
  }
}
