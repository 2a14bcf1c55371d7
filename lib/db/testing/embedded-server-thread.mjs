// A worker thread that serves one in-memory PGlite (scripts/embedded-db.mjs) for the embedded
// test run (global-setup.ts starts one per Vitest worker). PGlite executes queries on the thread
// that owns it, so servers in separate threads run on separate cores; in the main thread they
// would take turns. Posts { url } once listening; on any message, stops and posts { stopped }.
import { parentPort } from 'node:worker_threads'
import { startMemoryDb } from '../../../scripts/embedded-db.mjs'

const server = await startMemoryDb()
parentPort.once('message', async () => {
  await server.stop()
  parentPort.postMessage({ stopped: true })
})
parentPort.postMessage({ url: server.url })
