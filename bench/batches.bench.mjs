// Batches on Redis: 1,000,000 items in 1,000 batches, tracked by 8 concurrent trackers
// (each its own connection) doing no work per record. Reports items/s for adding and for
// tracking, and Redis memory (used_memory, sampled) at its peak and at the end.
// BATCH_BENCH_ITEMS / BATCH_BENCH_BATCHES shrink the run while developing.
import { Redis } from 'ioredis'
import { createLedger } from '../dist/index.js'

export const title = 'batches: add and track 1,000,000 items in 1,000 batches, 8 trackers'

const ITEMS = Number(process.env.BATCH_BENCH_ITEMS ?? 1_000_000)
const BATCHES = Number(process.env.BATCH_BENCH_BATCHES ?? 1_000)
const TRACKERS = 8

export async function run({ redisUrl, record }) {
  const admin = new Redis(redisUrl)
  const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await admin.info('memory'))[1])
  const ledgers = Array.from({ length: TRACKERS }, () =>
    createLedger({ redis: redisUrl, prefix: 'bench-batches' }),
  )
  let peak = 0
  const sampler = setInterval(async () => {
    peak = Math.max(peak, await usedMemory())
  }, 50)
  try {
    const baseline = await usedMemory()
    const job = ledgers[0].job()
    const size = ITEMS / BATCHES
    const ids = (function* () {
      for (let i = 0; i < ITEMS; i++) yield 1_000_000_000 + i
    })()
    const indexes = []
    let start = performance.now()
    await job.addBatches(ids, { size }, (batch) => indexes.push(batch.index))
    const addSeconds = (performance.now() - start) / 1000
    const pending = await usedMemory()
    peak = Math.max(peak, pending)

    start = performance.now()
    const finished = []
    await Promise.all(
      ledgers.map(async (ledger) => {
        for (let index = indexes.shift(); index !== undefined; index = indexes.shift()) {
          const report = await ledger
            .tracker({ job: job.token, batch: index })
            .eachRecord(() => undefined)
          if (report.jobFinished) finished.push(index)
        }
      }),
    )
    const trackSeconds = (performance.now() - start) / 1000
    const end = await usedMemory()
    const report = await job.report()
    if (finished.length !== 1 || report.processed !== ITEMS)
      throw new Error(`wrong totals: ${JSON.stringify({ finished, report })}`)

    record(`items added (addBatches, batches of ${size})`, ITEMS, 'items')
    record('add throughput', Math.round(ITEMS / addSeconds), 'items/s')
    record(
      `track throughput (${TRACKERS} trackers, no-op records)`,
      Math.round(ITEMS / trackSeconds),
      'items/s',
    )
    record('round trips to report one batch', 1, 'script call')
    record('Redis memory before', baseline, 'bytes')
    record('Redis memory with all items pending', pending, 'bytes')
    record('Redis memory at peak (sampled every 50 ms)', peak, 'bytes')
    record('Redis memory at the end (all batches done)', end, 'bytes')
    record('bytes per pending item', Math.round((pending - baseline) / ITEMS), 'bytes')
    record('bytes left per processed item at the end', (end - baseline) / ITEMS, 'bytes')
  } finally {
    clearInterval(sampler)
    await ledgers[0].cleaner.purgeAll()
    await Promise.all(ledgers.map((ledger) => ledger.close()))
    await admin.quit()
  }
}
