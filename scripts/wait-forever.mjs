// `npm run db:embedded`: keeps the embedded database (started and owned by scripts/with-db.mjs,
// the parent of this process) running until Ctrl-C, so that other commands (`npm run dev`,
// `npm run cli`, psql) reuse it through its port.
const url = process.env.DATABASE_URL ?? '(no DATABASE_URL)'
console.log(`Database ready at ${url}\nOther commands in this checkout reuse it. Ctrl-C to stop.`)
const timer = setInterval(() => {}, 2 ** 31 - 1)
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => { clearInterval(timer); process.exit(0) })
}
