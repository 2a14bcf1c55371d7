#!/usr/bin/env node
// `npm start`: check the configuration, build when the sources are newer than the build, then
// serve (scripts/serve.mjs, as `npm run serve`) with a migrated and seeded database (embedded
// PostgreSQL unless DATABASE_URL is set).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'node_modules/.bin');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const SOURCES = ['app', 'components', 'lib', 'messages', 'public', 'instrumentation.ts', 'proxy.ts', 'next.config.ts', 'package.json'];

function newestMtime(entry) {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(full)) {
    if (child === 'generated' || child === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

function buildIsStale() {
  const buildId = path.join(ROOT, '.next/BUILD_ID');
  if (!fs.existsSync(buildId)) return true;
  const builtAt = fs.statSync(buildId).mtimeMs;
  return SOURCES.some((entry) => newestMtime(entry) > builtAt);
}

function runOrExit(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

runOrExit(path.join(BIN, 'tsx'), ['scripts/cli.ts', 'config', 'check']);
if (buildIsStale()) {
  console.log('[tessera] building the app (first start or changed sources)…');
  runOrExit(path.join(BIN, 'next'), ['build']);
}

// npm run serve's server (scripts/serve.mjs: HOSTNAME / PORT, default localhost:3000) on the migrated database.
const server = spawn(process.execPath, ['scripts/with-db.mjs', '--migrate', '--seed', process.execPath, 'scripts/serve.mjs'], {
  cwd: ROOT,
  env,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
