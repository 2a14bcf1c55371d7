#!/usr/bin/env node
// node scripts/with-db.mjs [--migrate] [--seed] [--] <command…>
//
// Runs <command> with a database:
//   - DATABASE_URL if set (a real PostgreSQL; DATABASE_POOL_MAX defaults to 10), else
//   - the embedded PGlite server of this DATA_DIR: reused if its owner is already serving it
//     (another with-db, `npm run db:embedded`, `npm run dev`), else started in this process for
//     the command's lifetime (DATABASE_POOL_MAX=1: the server is a single Postgres session).
// --migrate applies pending migrations first (in-process WASM schema engine);
// --seed then runs prisma/seed.{ts,mjs,js} (tsx for .ts) if present.
// With ENVIRONMENT=prod (or on Vercel) and no DATABASE_URL it refuses to start: production never
// runs on the embedded database.
// The child gets DATABASE_URL and DATABASE_POOL_MAX (and TESSERA_EMBEDDED_DATABASE=1 for the embedded server); SIGINT/SIGTERM/SIGHUP are forwarded to it;
// when it exits, the embedded server (if started here) is stopped, its lock removed, and this
// process exits with the child's code (128+n if it died of signal n).
//
// Programmatic: `const db = await ensureDatabase({ migrate: true, seed: true })`, then run things
// with databaseEnv(db) and `await db.stop()` when they are done.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { embeddedConfig, isListening, readLock, startEmbeddedDb, urlFor } from './embedded-db.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const OWNER_START_TIMEOUT_MS = 120_000 // creating a new PGlite data dir takes 4–9 s, more under load
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/**
 * Waits for the live process that owns the data dir to serve it and to be done preparing it
 * (its own migrations: two engines migrating through PGlite's single session would not exclude
 * each other, Prisma's advisory lock being per session). Returns its port, or null if there is
 * no (more) owner.
 */
async function waitForOwner(lockFile) {
  const deadline = Date.now() + OWNER_START_TIMEOUT_MS
  for (;;) {
    const owner = readLock(lockFile)
    if (!owner) return null
    if (owner.ready !== false && (await isListening(owner.port))) return owner.port
    if (Date.now() > deadline) throw new Error(`pid ${owner.pid} holds ${lockFile} but has not made port ${owner.port} ready in ${OWNER_START_TIMEOUT_MS / 1000} s`)
    await sleep(200) // still opening the data dir
  }
}

/** Reuses or starts the embedded server. Returns { url, stop, markReady } (no-ops when reused). */
async function embeddedDatabase(env, log) {
  const cfg = embeddedConfig(env)
  for (let attempt = 0; attempt < 3; attempt++) {
    const ownerPort = await waitForOwner(cfg.lockFile)
    if (ownerPort !== null) {
      log(`[db] reusing the embedded database on port ${ownerPort} (${cfg.dataDir})`)
      return { url: urlFor(ownerPort), stop: async () => {}, markReady: () => {} }
    }
    if (await isListening(cfg.port)) {
      throw new Error(`port ${cfg.port} is in use, but not by the embedded database of ${cfg.dataDir}: stop that process or set EMBEDDED_DB_PORT`)
    }
    try {
      const started = Date.now()
      const db = await startEmbeddedDb({ ...cfg, deferReady: true })
      log(`[db] embedded PostgreSQL (PGlite) at ${db.url} (${cfg.dataDir}, ready in ${Date.now() - started} ms)`)
      return { url: db.url, stop: db.stop, markReady: db.markReady }
    } catch (e) {
      // lost a race with another process starting it at the same time: go back to waiting for it
      if (!/already open by pid/.test(e.message)) throw e
    }
  }
  throw new Error(`could not start or reuse the embedded database of ${cfg.dataDir}`)
}

function findSeedScript() {
  for (const file of ['prisma/seed.ts', 'prisma/seed.mjs', 'prisma/seed.js']) {
    if (existsSync(path.join(ROOT, file))) return file
  }
  return null
}

/** Runs the seed script in a child process with the database's environment. */
async function runSeed(env, log) {
  const seed = findSeedScript()
  if (!seed) { log('[db] seed: no prisma/seed.ts|mjs|js, skipping'); return }
  const [command, args] = seed.endsWith('.ts') ? [path.join(ROOT, 'node_modules/.bin/tsx'), [seed]] : [process.execPath, [seed]]
  const child = spawn(command, args, { stdio: 'inherit', env, cwd: ROOT })
  const [code, signal] = await new Promise((resolve) => {
    child.once('error', (e) => { log(`[db] seed: ${e.message}`); resolve([127, null]) })
    child.once('exit', (c, s) => resolve([c, s]))
  })
  if (code !== 0) throw new Error(`seed (${seed}) failed: ${code ?? signal}`)
}

/** The environment a child process gets for this database. */
export function databaseEnv(db, base = process.env) {
  const env = {
    ...base,
    DATABASE_URL: db.url,
    DATABASE_POOL_MAX: String(db.poolMax),
    // so `tsx`, `next`, `vitest` resolve when this script is run directly, outside `npm run`
    PATH: `${path.join(ROOT, 'node_modules/.bin')}${path.delimiter}${base.PATH ?? ''}`,
  }
  // tells the CLI that this DATABASE_URL is the embedded server (it migrates and seeds a new one itself)
  if (db.embedded) env[EMBEDDED_DATABASE_MARK] = '1'
  else delete env[EMBEDDED_DATABASE_MARK]
  return env
}

/** Set in a child's environment when its DATABASE_URL is the embedded server. */
export const EMBEDDED_DATABASE_MARK = 'TESSERA_EMBEDDED_DATABASE'

/** ENVIRONMENT=prod, or unset on Vercel (lib/config's rule). */
export function isProductionEnv(env = process.env) {
  return env.ENVIRONMENT ? env.ENVIRONMENT.trim() === 'prod' : Boolean(env.VERCEL)
}

/** Production never runs on the embedded database: its files live in DATA_DIR, which a redeploy or a new container loses. */
export const EMBEDDED_IN_PRODUCTION_MESSAGE =
  'DATABASE_URL: required when ENVIRONMENT=prod. The embedded database keeps its data in DATA_DIR, which a new container or a redeploy loses: ' +
  'set DATABASE_URL=postgresql://user:password@host:5432/dbname (ENVIRONMENT=dev allows the embedded database).'

/**
 * Gives the caller a database (see the header). Does not modify process.env: pass
 * databaseEnv(db) (or DATABASE_URL / DATABASE_POOL_MAX yourself) to the processes that use it.
 * On failure, an embedded server started here is stopped again.
 * @param {{ migrate?: boolean, seed?: boolean, env?: NodeJS.ProcessEnv, log?: (msg: string) => void }} [options]
 * @returns {Promise<{ url: string, poolMax: number, schema: string | undefined, embedded: boolean, stop: () => Promise<void> }>}
 */
export async function ensureDatabase({ migrate = false, seed = false, env = process.env, log = (m) => console.error(m) } = {}) {
  const schema = env.DATABASE_SCHEMA || undefined
  let db
  if (!env.DATABASE_URL && isProductionEnv(env)) throw new Error(EMBEDDED_IN_PRODUCTION_MESSAGE)
  if (env.DATABASE_URL) {
    db = { url: env.DATABASE_URL, poolMax: Number(env.DATABASE_POOL_MAX || 10), embedded: false, stop: async () => {}, markReady: () => {} }
  } else {
    const embedded = await embeddedDatabase(env, log)
    // one connection per client process: the server is one shared Postgres session (embedded-db.mjs)
    db = { url: embedded.url, poolMax: 1, embedded: true, stop: embedded.stop, markReady: embedded.markReady }
  }
  try {
    if (migrate) {
      const { deploy } = await import('./prisma-wasm.mjs')
      const started = Date.now()
      const applied = await deploy({ url: db.url, schema })
      log(`[db] migrations: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'} (${Date.now() - started} ms)`)
    }
    if (seed) await runSeed(databaseEnv(db, env), log)
  } catch (e) {
    await db.stop()
    throw e
  }
  db.markReady()
  const { markReady, ...result } = db
  return { ...result, schema }
}

const exitCodeOf = (code, signal) => code ?? 128 + (os.constants.signals[signal] ?? 1)

async function main(argv) {
  const flags = new Set()
  while (argv[0]?.startsWith('--')) {
    const flag = argv.shift()
    if (flag === '--') break
    if (flag !== '--migrate' && flag !== '--seed') throw new Error(`unknown option ${flag}`)
    flags.add(flag)
  }
  if (!argv.length) throw new Error('usage: node scripts/with-db.mjs [--migrate] [--seed] [--] <command…>')

  // A signal before the child exists (e.g. during initdb) must still clean up.
  let child = null
  let interrupted = null
  const onSignal = (sig) => {
    if (child) child.kill(sig)
    else interrupted ??= sig
  }
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, onSignal)

  const db = await ensureDatabase({ migrate: flags.has('--migrate'), seed: flags.has('--seed') })
  const finish = async (code) => { await db.stop(); process.exit(code) }
  if (interrupted) return finish(exitCodeOf(null, interrupted))

  child = spawn(argv[0], argv.slice(1), { stdio: 'inherit', env: databaseEnv(db) })
  child.once('error', (e) => { console.error(`[db] cannot run ${argv[0]}: ${e.message}`); finish(127) })
  child.once('exit', (code, signal) => finish(exitCodeOf(code, signal)))
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (isMain) {
  main(process.argv.slice(2)).catch((e) => {
    console.error('[db]', e instanceof Error ? e.message : e)
    process.exit(1)
  })
}
