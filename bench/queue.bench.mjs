// Tracked queue: createAndPush + popAndStart + finish of N resources with 4 consumers, each
// on its own connection, against BullMQ `add` + 4 Workers (concurrency 1) processing the same
// number of no-op jobs on the same server, in the same run. Producers keep 100 calls in flight.
// A third side loops on popAndStart + item.finishAndPopNext (one round trip per item, like
// q.process()); another calls the same queue scripts straight from ioredis (bench/lib/bare-queue.mjs):
// the floor both queue rows could reach if the ledger's client code cost nothing.
// Interleaved rounds, medians; server CPU (INFO cpu) and client CPU (process.cpuUsage, producer,
// consumers and workers all run in this process) per resource. QUEUE_BENCH_N overrides N
// (default 5,000), QUEUE_BENCH_ROUNDS the rounds (default 5: single rounds swing 2–4x on a
// shared machine, so the median needs more than three).
import { Queue as BullQueue, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { createLedger } from '../dist/index.js'
import { runBareQueue } from './lib/bare-queue.mjs'
import { interleaved, spread, startMeasure } from './lib/measure.mjs'

export const title = 'tracked queue: push + pop + finish, 4 consumers'

const N = Number(process.env.QUEUE_BENCH_N ?? 5_000)
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
    total: N,
    done: new Promise((resolve) => (allDone = resolve)),
    count() {
      if (++counter.finished === N) allDone()
    },
    reached: () => counter.finished >= N,
  }
  return counter
}

/**
 * One jobledger round: `consume(ledger, counter)` starts a consumer on each consumer ledger and
 * returns what ends it once every item is counted; the producer pushes N items meanwhile.
 */
async function runJobledgerWith(redisUrl, admin, label, consume) {
  const { producer, consumers, close } = openLedgers(redisUrl, `bench${label}${Date.now()}`)
  const counter = finishCounter()
  const ends = consumers.map((ledger) => consume(ledger.queue('bench'), counter))
  const stop = await startMeasure(admin)
  const q = producer.queue('bench')
  await produce((i) => q.createAndPush({ i }))
  const pushSeconds = (await stop(N)).seconds
  await counter.done
  const result = await stop(N)
  await Promise.all(ends.map((end) => end()))
  const counts = await q.counts()
  if (counts.finished !== N)
    throw new Error(`jobledger ${label} finished ${counts.finished} of ${N}`)
  await close()
  return { ...result, pushRate: N / pushSeconds }
}

/** A loop of the caller's own until every item is counted; ending it waits for the loop. */
function untilCounted(counter, loop) {
  const running = (async () => {
    while (counter.finished < N) await loop()
  })()
  return () => running
}

/** Consumers loop on popAndStart, then finish (two round trips per item). */
const runJobledger = (redisUrl, admin) =>
  runJobledgerWith(redisUrl, admin, 'pop', (q, counter) =>
    untilCounted(counter, async () => {
      const item = await q.popAndStart({ timeoutMs: 200 })
      if (!item) return
      await item.finish(null)
      counter.count()
    }),
  )

/** Consumers loop on popAndStart, then finishAndPopNext until nothing waits (one trip per item). */
const runJobledgerChained = (redisUrl, admin) =>
  runJobledgerWith(redisUrl, admin, 'chained', (q, counter) =>
    untilCounted(counter, async () => {
      let item = await q.popAndStart({ timeoutMs: 200 })
      while (item) {
        item = (await item.finishAndPopNext(null)).next
        counter.count()
      }
    }),
  )

/** Consumers are q.process() workers (one trip per item). */
const runJobledgerProcess = (redisUrl, admin) =>
  runJobledgerWith(redisUrl, admin, 'process', (q, counter) => {
    const worker = q.process(() => {
      counter.count()
      return null
    })
    return () => worker.stop()
  })

async function runBullmq(redisUrl, admin) {
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
  const stop = await startMeasure(admin)
  await produce((i) => queue.add('job', { i }))
  const pushSeconds = (await stop(N)).seconds
  await counter.done
  const result = await stop(N)
  const completed = await queue.getCompletedCount()
  if (completed !== N) throw new Error(`BullMQ completed ${completed} of ${N}`)
  await Promise.all(workers.map((worker) => worker.close()))
  await queue.close()
  return { ...result, pushRate: N / pushSeconds }
}

const ROUNDS = Number(process.env.QUEUE_BENCH_ROUNDS ?? 5)

export async function run({ redisUrl, record, goal }) {
  const admin = new Redis(redisUrl)
  const flushed = (fn) => async () => {
    const result = await fn(redisUrl, admin)
    await admin.flushdb()
    return result
  }
  try {
    const bareScripts = async () => {
      const counter = finishCounter()
      const measure = startMeasure
      return runBareQueue({ redisUrl, admin, consumers: CONSUMERS, produce, counter, measure })
    }
    const { ours, chained, processed, bare, bull } = await interleaved(ROUNDS, {
      ours: flushed(runJobledger),
      chained: flushed(runJobledgerChained),
      processed: flushed(runJobledgerProcess),
      bare: flushed(bareScripts),
      bull: flushed(runBullmq),
    })
    report(record, goal, { ours, chained, processed, bare, bull })
  } finally {
    await admin.quit()
  }
}

function report(record, goal, { ours, chained, processed, bare, bull }) {
  const rate = (side) => Math.round(side.rate)
  const costs = (side) => `${side.serverUs.toFixed(1)} / ${side.clientUs.toFixed(1)}`
  record(
    `jobledger: ${N} resources pushed, started and finished (median)`,
    rate(ours),
    'resources/s',
  )
  record('  rounds', spread(ours.rates), 'resources/s')
  record('  Redis CPU / client CPU per resource', costs(ours), 'µs')
  record(
    'jobledger: createAndPush alone (while consumers run)',
    Math.round(ours.pushRate),
    'pushes/s',
  )
  record('jobledger: popAndStart + finishAndPopNext (median)', rate(chained), 'resources/s')
  record('  rounds', spread(chained.rates), 'resources/s')
  record('  Redis CPU / client CPU per resource', costs(chained), 'µs')
  record('jobledger: the same with q.process() (median)', rate(processed), 'resources/s')
  record('  rounds', spread(processed.rates), 'resources/s')
  record('  Redis CPU / client CPU per resource', costs(processed), 'µs')
  record('the same scripts called straight, no ledger code (median)', rate(bare), 'resources/s')
  record('  rounds', spread(bare.rates), 'resources/s')
  record('  Redis CPU / client CPU per resource', costs(bare), 'µs')
  record(`BullMQ: ${N} no-op jobs added and processed (median)`, rate(bull), 'jobs/s')
  record('  rounds', spread(bull.rates), 'jobs/s')
  record('  Redis CPU / client CPU per job', costs(bull), 'µs')
  record('BullMQ: add alone (while workers run)', Math.round(bull.pushRate), 'adds/s')
  record('jobledger popAndStart + finish / BullMQ (end to end)', ours.rate / bull.rate, 'x')
  record('jobledger popAndStart + finishAndPopNext / BullMQ', chained.rate / bull.rate, 'x')
  record('jobledger q.process() / BullMQ (end to end)', processed.rate / bull.rate, 'x')
  record('the scripts alone / BullMQ (the floor of both rows above)', bare.rate / bull.rate, 'x')
  record(
    'jobledger q.process() / the scripts alone (the ledger code)',
    processed.rate / bare.rate,
    'x',
  )
  const reference = { name: 'BullMQ', ...bull }
  goal('queue-bullmq', {
    value: ours.rate / bull.rate,
    ours: { name: 'queue', ...ours },
    reference,
  })
  goal('process-bullmq', {
    value: processed.rate / bull.rate,
    ours: { name: 'q.process()', ...processed },
    reference,
  })
}
