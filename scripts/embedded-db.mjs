// Embedded PostgreSQL for development and tests: PGlite (Postgres compiled to WASM) served on the
// Postgres wire protocol by @electric-sql/pglite-socket, so the app, the CLI and the migration
// runner all talk to it through @prisma/adapter-pg exactly as they talk to a real server.
//
// What callers must know about the server (read from pglite-socket 0.2.17's source):
// - ONE PGlite instance is ONE Postgres session. Every client connection shares it: `SET`,
//   search_path, prepared statements and the unnamed statement/portal are common to all of them.
// - Wire messages from all connections go through one queue, message by message. pglite-socket's
//   own queue keeps one connection's turn only while a transaction is open: outside one, the
//   Parse/Bind/Execute messages of two connections interleaved (`unnamed prepared statement does
//   not exist`, or worse, one client's parameters bound to the other's statement: seen when the
//   CLI ran beside a server whose events job polls every second). serve() therefore replaces it
//   with SessionQueue below, which also keeps a connection's turn from its first extended-protocol
//   message to its Sync. Each client process still uses a pool of ONE connection
//   (DATABASE_POOL_MAX=1): the session (SET, search_path, named statements) is shared by all.
// - maxConnections > 1 only so that a client can reconnect (pg-pool drops a connection after an
//   error) and so that a second process (CLI, migration runner) can connect while the app runs.
//
// Usage from other scripts:
//   const db = await startEmbeddedDb()            // files under ${DATA_DIR:-.data}/pglite, port 55440
//   const mem = await startMemoryDb()             // in-memory, ephemeral port (tests, shadow DB)
//   await db.stop()
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'

export const DEFAULT_PORT = 55440
const HOST = '127.0.0.1'
const MAX_CONNECTIONS = 10

/** Where the embedded database of this checkout lives, from DATA_DIR and EMBEDDED_DB_PORT. */
export function embeddedConfig(env = process.env) {
  const dataRoot = path.resolve(env.DATA_DIR || '.data')
  const port = Number(env.EMBEDDED_DB_PORT || DEFAULT_PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`EMBEDDED_DB_PORT is not a port: ${env.EMBEDDED_DB_PORT}`)
  return {
    dataDir: path.join(dataRoot, 'pglite'),
    lockFile: path.join(dataRoot, 'pglite.lock'),
    port,
    url: urlFor(port),
  }
}

export function urlFor(port, host = HOST) {
  // pglite-socket ignores user and password; sslmode=disable because it answers SSLRequest with 'N'.
  return `postgresql://postgres:postgres@${host}:${port}/postgres?sslmode=disable`
}

/** Resolves true when something accepts TCP connections on host:port. */
export function isListening(port, host = HOST, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host })
    const done = (ok) => { socket.destroy(); resolve(ok) }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

const pidAlive = (pid) => {
  try { process.kill(pid, 0); return true } catch (e) { return e.code === 'EPERM' }
}

/** Lock file content: { pid, port, ready }, or 'unreadable', or null when there is none. */
function readLockFile(lockFile) {
  let text
  try { text = fs.readFileSync(lockFile, 'utf8') } catch (e) { if (e.code === 'ENOENT') return null; throw e }
  try {
    const owner = JSON.parse(text)
    return Number.isInteger(owner?.pid) ? owner : 'unreadable'
  } catch { return 'unreadable' }
}

/**
 * The owner recorded in the lock file, if that process is still alive: { pid, port, ready } or
 * null. PGlite does not lock its data directory itself, and two processes writing it would
 * corrupt it. `ready` turns true once the owner has finished preparing the database (migrations):
 * until then other processes should not use it.
 */
export function readLock(lockFile = embeddedConfig().lockFile) {
  const owner = readLockFile(lockFile)
  return owner && owner !== 'unreadable' && pidAlive(owner.pid) ? owner : null
}

/**
 * Writes a complete file in one step, so a concurrent reader never sees it half-written:
 * exclusive -> link() (fails with EEXIST if the file exists), else rename() (replaces it).
 */
function writeAtomically(file, content, { exclusive }) {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`
  fs.writeFileSync(tmp, content)
  try {
    if (exclusive) fs.linkSync(tmp, file)
    else fs.renameSync(tmp, file)
  } finally {
    fs.rmSync(tmp, { force: true })
  }
}

/**
 * Takes the lock for this process; returns { release, markReady }. Throws if a live process owns
 * it. A lock left by a dead process (crash, kill -9) is taken over; that takeover is not atomic,
 * which only matters if two processes start at the same instant right after a crash.
 */
function takeLock(lockFile, port) {
  fs.mkdirSync(path.dirname(lockFile), { recursive: true })
  const content = (ready) => JSON.stringify({ pid: process.pid, port, ready })
  const ours = () => readLock(lockFile)?.pid === process.pid
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeAtomically(lockFile, content(false), { exclusive: true })
      return {
        // only ever touch our own lock
        release: () => { if (ours()) fs.rmSync(lockFile, { force: true }) },
        markReady: () => { if (ours()) writeAtomically(lockFile, content(true), { exclusive: false }) },
      }
    } catch (e) {
      if (e.code !== 'EEXIST') throw e
      const owner = readLockFile(lockFile)
      if (owner === 'unreadable') throw new Error(`${lockFile} is not a lock file written by this script: remove it if no process uses ${path.dirname(lockFile)}`)
      if (owner && pidAlive(owner.pid)) throw new Error(`embedded database is already open by pid ${owner.pid} on port ${owner.port} (${lockFile})`)
      fs.rmSync(lockFile, { force: true }) // stale
    }
  }
  throw new Error(`cannot take the lock ${lockFile}`)
}

// Front-end message types that end a connection's turn: Sync closes an extended-protocol
// sequence, a simple Query is one whole sequence, Terminate ends the connection.
const TURN_ENDS = new Set(['S', 'Q', 'X'].map((type) => type.charCodeAt(0)))

/**
 * The socket server's message queue (the interface pglite-socket's handlers call: enqueue,
 * clearQueueForHandler, clearTransactionIfNeeded, getQueueLength). FIFO across connections, except
 * that a connection keeps the database from the first message of a sequence to its Sync (or
 * Query), and for the whole of a transaction it opened: no other connection's message runs in
 * between.
 */
class SessionQueue {
  constructor(db) {
    this.db = db
    this.queue = []
    this.processing = false
    this.owner = null // the handler whose sequence or transaction is open
    this.sequenceOpen = false
  }

  enqueue(handlerId, message, onData) {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject })
      void this.process()
    })
  }

  next() {
    const held = this.owner !== null && (this.sequenceOpen || this.db.isInTransaction())
    if (!held) return this.queue.shift()
    const index = this.queue.findIndex((item) => item.handlerId === this.owner)
    return index === -1 ? undefined : this.queue.splice(index, 1)[0]
  }

  async process() {
    if (this.processing) return
    this.processing = true
    try {
      for (let item = this.next(); item; item = this.next()) {
        // a startup message begins with its length (first byte 0): it opens no sequence
        const type = item.message[0]
        this.owner = item.handlerId
        this.sequenceOpen = type !== 0 && !TURN_ENDS.has(type)
        let bytes = 0
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, { onRawData: (data) => ((bytes += data.length), item.onData(data)) }),
          )
          item.resolve(bytes)
        } catch (error) {
          item.reject(error)
        }
      }
    } finally {
      this.processing = false
    }
  }

  getQueueLength() {
    return this.queue.length
  }

  clearQueueForHandler(handlerId) {
    this.queue = this.queue.filter((item) => (item.handlerId === handlerId ? (item.reject(new Error('Handler disconnected')), false) : true))
  }

  /** A connection that went away gives its turn back (rolling back the transaction it left open). */
  async clearTransactionIfNeeded(handlerId) {
    if (this.owner !== handlerId) return
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK')
    this.owner = null
    this.sequenceOpen = false
    void this.process()
  }
}

async function serve(db, port) {
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket')
  const server = new PGLiteSocketServer({ db, host: HOST, port, maxConnections: MAX_CONNECTIONS })
  // handlers take the server's queue when a connection arrives: replace it before any does
  server.queryQueue = new SessionQueue(db)
  await server.start()
  // start() resolves after listen(); with port 0 the chosen port is in getServerConn()
  const actualPort = Number(server.getServerConn().split(':').pop())
  return { server, port: actualPort }
}

/**
 * Opens (creating on first use: 4–9 s of initdb) the PGlite data directory of this checkout and
 * serves it on 127.0.0.1:port. One process owns the directory (lock file next to it).
 * @returns {Promise<{ url: string, port: number, dataDir: string, stop: () => Promise<void>, markReady: () => void }>}
 */
export async function startEmbeddedDb(options = {}) {
  const { deferReady, ...paths } = options
  const cfg = { ...embeddedConfig(), ...paths }
  if (options.dataDir && !options.lockFile) cfg.lockFile = `${path.resolve(options.dataDir)}.lock`
  const { release, markReady } = takeLock(cfg.lockFile, cfg.port)
  let db
  try {
    const { PGlite } = await import('@electric-sql/pglite')
    db = new PGlite(cfg.dataDir)
    await db.waitReady
    const { server, port } = await serve(db, cfg.port)
    let stopping
    const stop = () => (stopping ??= (async () => {
      await server.stop()
      await db.close()
      release()
    })())
    // With deferReady, processes waiting to reuse this server wait until the caller has prepared
    // it (migrations) and calls markReady().
    if (!options.deferReady) markReady()
    return { url: urlFor(port), port, dataDir: cfg.dataDir, stop, markReady }
  } catch (e) {
    await db?.close().catch(() => {})
    release()
    if (e.code === 'EADDRINUSE') throw new Error(`port ${cfg.port} is in use by another process: set EMBEDDED_DB_PORT or stop it`)
    throw e
  }
}

/**
 * A throwaway in-memory PGlite on an ephemeral port (tests, shadow database). No files, no lock.
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startMemoryDb({ port = 0 } = {}) {
  const { PGlite } = await import('@electric-sql/pglite')
  const db = new PGlite()
  await db.waitReady
  try {
    const served = await serve(db, port)
    let stopping
    const stop = () => (stopping ??= (async () => { await served.server.stop(); await db.close() })())
    return { url: urlFor(served.port), port: served.port, stop }
  } catch (e) {
    await db.close().catch(() => {})
    throw e
  }
}
