// Tracked queue: createAndPush + popAndStart + finish of N resources with 4 consumers, each
// on its own connection, against BullMQ `add` + 4 Workers (concurrency 1) processing the same
// number of no-op jobs on the same server, in the same run. Producers keep 100 calls in flight.
// QUEUE_BENCH_N overrides N (default 100,000).
import { Queue as BullQueue, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { createLedger } from '../dist/index.js'

export const title = 'tracked queue: push + pop + finish, 4 consumers'

const N = Number(process.env.QUEUE_BENCH_N ?? 100_000)
const CONSUMERS = 4
const IN_FLIGHT = 100

async function produce(push) {
  for (let start = 0; start < N; start += IN_FLIGHT) {
    const batch = []
    for (let i = start; i < Math.min(N, start + IN_FLIGHT); i++) batch.push(push(i))
    await Promise.all(batch)
  }
}

/** A producer ledger and CONSUMERS consumer ledgers under one prefix, each on its own connection. */
function openLedgers(redisUrl, prefix) {
  const producer = createLedger({ redis: redisUrl, prefix })
  const consumers = Array.from({ length: CONSUMERS }, () =>
    createLedger({ redis: redisUrl, prefix }),
  )
  const close = () => Promise.all([producer, ...consumers].map((ledger) => ledger.close()))
  return { producer, consumers, close }
}

/** Counts finished items; `done` resolves when the N-th is counted. */
function finishCounter() {
  let allDone
  const counter = {
    finished: 0,
    done: new Promise((resolve) => (allDone = resolve)),
    count() {
      if (++counter.finished === N) allDone()
    },
  }
  return counter
}

async function runJobledger(redisUrl) {
  const { producer, consumers, close } = openLedgers(redisUrl, `bench${Date.now()}`)
  const counter = finishCounter()
  const loops = consumers.map(async (ledger) => {
    const q = ledger.queue('bench')
    while (counter.finished < N) {
      const item = await q.popAndStart({ timeoutMs: 200 })
      if (!item) continue
      await item.finish(null)
      counter.count()
    }
  })
  const started = performance.now()
  const q = producer.queue('bench')
  await produce((i) => q.createAndPush({ i }))
  const pushed = performance.now()
  await counter.done
  const elapsed = performance.now() - started
  await Promise.all(loops)
  const counts = await q.counts()
  if (counts.finished !== N) throw new Error(`jobledger finished ${counts.finished} of ${N}`)
  await close()
  return { elapsed, pushMs: pushed - started }
}

async function runJobledgerProcess(redisUrl) {
  const { producer, consumers, close } = openLedgers(redisUrl, `benchp${Date.now()}`)
  const counter = finishCounter()
  const workers = consumers.map((ledger) =>
    ledger.queue('bench').process(() => {
      counter.count()
      return null
    }),
  )
  const started = performance.now()
  const q = producer.queue('bench')
  await produce((i) => q.createAndPush({ i }))
  await counter.done
  const elapsed = performance.now() - started
  await Promise.all(workers.map((worker) => worker.stop()))
  const counts = await q.counts()
  if (counts.finished !== N)
    throw new Error(`jobledger process finished ${counts.finished} of ${N}`)
  await close()
  return { elapsed }
}

async function runBullmq(redisUrl) {
  const url = new URL(redisUrl)
  const connection = { host: url.hostname, port: Number(url.port) }
  const name = `bench${Date.now()}`
  const queue = new BullQueue(name, { connection })
  const counter = finishCounter()
  const workers = Array.from({ length: CONSUMERS }, () => {
    const worker = new Worker(name, async () => null, { connection, concurrency: 1 })
    worker.on('completed', () => counter.count())
    return worker
  })
  await Promise.all(workers.map((worker) => worker.waitUntilReady()))
  const started = performance.now()
  await produce((i) => queue.add('job', { i }))
  const pushed = performance.now()
  await counter.done
  const elapsed = performance.now() - started
  const completed = await queue.getCompletedCount()
  if (completed !== N) throw new Error(`BullMQ completed ${completed} of ${N}`)
  await Promise.all(workers.map((worker) => worker.close()))
  await queue.close()
  return { elapsed, pushMs: pushed - started }
}

// The machine is shared, so the three systems run in interleaved rounds and each keeps its
// best round: a burst of outside load then hurts no system more than another.
const ROUNDS = Number(process.env.QUEUE_BENCH_ROUNDS ?? 2)

export async function run({ redisUrl, record }) {
  const best = { ours: null, processed: null, bull: null }
  const keep = (name, result) => {
    if (!best[name] || result.elapsed < best[name].elapsed) best[name] = result
  }
  for (let round = 0; round < ROUNDS; round++) {
    keep('ours', await runJobledger(redisUrl))
    await flush(redisUrl)
    keep('processed', await runJobledgerProcess(redisUrl))
    await flush(redisUrl)
    keep('bull', await runBullmq(redisUrl))
    await flush(redisUrl)
  }
  const { ours, processed, bull } = best
  const rate = (result) => Math.round(N / (result.elapsed / 1000))
  record(`jobledger: ${N} resources pushed, started and finished`, rate(ours), 'resources/s')
  record(
    'jobledger: createAndPush alone (while consumers run)',
    Math.round(N / (ours.pushMs / 1000)),
    'pushes/s',
  )
  record(
    `jobledger: the same with q.process() (finish + next pop fused)`,
    rate(processed),
    'resources/s',
  )
  record(`BullMQ: ${N} no-op jobs added and processed`, rate(bull), 'jobs/s')
  record('BullMQ: add alone (while workers run)', Math.round(N / (bull.pushMs / 1000)), 'adds/s')
  record('jobledger popAndStart + finish / BullMQ (end to end)', rate(ours) / rate(bull), 'x')
  record('jobledger q.process() / BullMQ (end to end)', rate(processed) / rate(bull), 'x')
}

async function flush(redisUrl) {
  const admin = new Redis(redisUrl)
  await admin.flushdb()
  await admin.quit()
}
