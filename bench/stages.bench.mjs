// Stages on Redis. Dispatch records payloads into an in-process inbox (no queue), so what is
// measured is the ledger's own cost: enqueue into a running stage → stagedJob → run. Workers
// are separate ledgers, each on its own connection. Redis CPU is read from the server (INFO
// cpu); round trips are the commands the ledgers' clients send (a counting client, in a
// separate untimed pass). The reference, in the same run, is the same number of done() calls
// of a distributed job, the rule a stage's jobs are settled by. Rounds are interleaved; the
// goal figures are medians.
import { Redis } from 'ioredis'
import { createLedger } from '../dist/index.js'
import { countingClient } from './lib/counting-client.mjs'
import { drive, interleaved, median, spread as spreadRates, startMeasure } from './lib/measure.mjs'

export const title = 'Stages (Redis)'

const PREFIX = 'bench-stages'
const WORKERS = 8
const JOBS = Number(process.env.STAGES_BENCH_N ?? 800)
const ROUNDS = Number(process.env.STAGES_BENCH_ROUNDS ?? 3)
const PIPELINE_JOBS = 1_000
const STAGE_COUNTS = [1, 10, 50]
const TRIP_JOBS = 200
const noop = () => {}

/** Payloads handed to dispatch, taken by workers in order; take() waits for the next one. */
class Inbox {
  #items = []
  #head = 0
  #waiters = []

  push(item) {
    const waiter = this.#waiters.shift()
    if (waiter) waiter(item)
    else this.#items.push(item)
  }

  take() {
    if (this.#head < this.#items.length) return Promise.resolve(this.#items[this.#head++])
    return new Promise((resolve) => this.#waiters.push(resolve))
  }

  /** Wakes every waiting worker with null (stop). */
  close(workers) {
    for (let i = 0; i < workers; i++) this.push(null)
  }
}

/** A ledger dispatching into `inbox`; with ctx.counted, on a counting client added to it. */
function openLedger(ctx, inbox, onDispatch = noop) {
  return createLedger({
    redis: redisFor(ctx),
    prefix: PREFIX,
    dispatch: (payload) => {
      onDispatch(payload)
      inbox.push(payload)
    },
  })
}

function redisFor(ctx) {
  if (!ctx.counted) return ctx.redisUrl
  const counter = countingClient(ctx.redisUrl)
  ctx.counted.push(counter)
  return counter.client
}

/** Counts runs; reached(n) resolves once the count is n. */
class Counter {
  count = 0
  #target = Number.POSITIVE_INFINITY
  #resolve = noop

  add() {
    if (++this.count === this.#target) this.#resolve()
  }

  reached(n) {
    if (this.count >= n) return Promise.resolve()
    this.#target = n
    return new Promise((resolve) => {
      this.#resolve = resolve
    })
  }
}

/**
 * Each worker takes payloads until null and runs them: `onWork(payload)` is the job's body,
 * `onRun(payload)` is called once run() returned (the outcome recorded, the next stage dispatched).
 */
function startWorkers(ledgers, inbox, onRun = noop, onWork = noop) {
  return Promise.all(
    ledgers.map(async (ledger) => {
      for (;;) {
        const payload = await inbox.take()
        if (payload === null) return
        await (await ledger.stagedJob(payload)).run(() => onWork(payload))
        onRun(payload)
      }
    }),
  )
}

/**
 * Times `fn` with the server and client CPU it cost; with ctx.counted set (a separate pass),
 * `trips` is the commands the counted clients sent meanwhile.
 */
async function measured(ctx, jobs, fn) {
  const sentBefore = sent(ctx)
  const stop = await startMeasure(ctx.admin)
  await fn()
  const result = await stop(jobs)
  return { ...result, trips: ctx.counted ? sent(ctx) - sentBefore : undefined }
}

function sent(ctx) {
  return (ctx.counted ?? []).reduce((sum, counter) => sum + counter.commands, 0)
}

/**
 * A group whose stage 1 stays running (it holds one job nobody runs), with stages 2..stages
 * pending behind it, so every group script takes `stages` stages' keys.
 */
async function openRunningGroup(producer, stages) {
  return producer.withinGrouping(`bench ${stages} stages`, async (group) => {
    await group.stage(1).enqueue('Sentinel', [])
    for (let n = 2; n <= stages; n++) await group.stage(n).enqueue('Later', [])
  })
}

/**
 * `jobs` staged jobs enqueued into a running stage (`lanes` enqueues in flight), each run by
 * one of the workers: the clock stops when the last run returned.
 */
async function stagedLifecycle(ctx, stages, jobs, lanes, workers) {
  const inbox = new Inbox()
  const producer = openLedger(ctx, inbox)
  const ledgers = Array.from({ length: workers }, () => openLedger(ctx, inbox))
  const group = await openRunningGroup(producer, stages)
  await inbox.take() // the sentinel: it stays queued so stage 1 stays running
  const stage = group.stage(1)
  const ran = new Counter()
  const running = startWorkers(ledgers, inbox, () => ran.add())
  // Warm-up: one job per worker, so every connection is open before the clock starts.
  await Promise.all(ledgers.map(() => stage.enqueue('Warm', [])))
  await ran.reached(workers)
  const result = await measured(ctx, jobs, async () => {
    await drive(jobs, lanes, (i) => stage.enqueue('Work', [i]))
    await ran.reached(workers + jobs)
  })
  inbox.close(workers)
  await running
  await group.delete()
  await Promise.all([producer, ...ledgers].map((ledger) => ledger.close()))
  return result
}

/** The same number of done() calls of one distributed job, `workers` connections, 1 in flight each. */
async function doneReference(ctx, jobs, workers, round) {
  const ledgers = Array.from({ length: workers }, () =>
    createLedger({ redis: redisFor(ctx), prefix: PREFIX }),
  )
  const job = ledgers[0].job(`reference-${workers}-${jobs}-${round}-${Date.now()}`)
  await job.pushInBatches(
    Array.from({ length: jobs + workers }, (_, i) => i),
    { batchSize: 5_000 },
    noop,
  )
  const handles = ledgers.map((ledger) => ledger.job(job.token))
  await Promise.all(handles.map((handle, w) => handle.done(jobs + w))) // warm-up
  const per = jobs / workers
  const result = await measured(ctx, jobs, () =>
    Promise.all(
      handles.map(async (handle, w) => {
        for (let i = 0; i < per; i++) await handle.done(w * per + i)
      }),
    ),
  )
  if (!(await job.isFinished())) throw new Error('reference job did not finish')
  await Promise.all(ledgers.map((ledger) => ledger.close()))
  return result
}

/** Round trips per job, from a separate counted pass of TRIP_JOBS jobs (not timed). */
async function tripsPerJob(ctx, measure) {
  const counted = []
  try {
    const result = await measure({ ...ctx, counted }, TRIP_JOBS)
    return result.trips / TRIP_JOBS
  } finally {
    await Promise.all(counted.map((counter) => counter.client.quit()))
  }
}

/**
 * Round trips each further job adds: passes of TRIP_JOBS and 2 × TRIP_JOBS jobs, the difference
 * divided by TRIP_JOBS, so what a pass sends once (the last confirmation, sent alone because no
 * enqueue follows it to ride along with) cancels out.
 */
async function marginalTripsPerJob(ctx, measure) {
  const once = await tripsPerJob(ctx, measure)
  const twice = await tripsPerJob(ctx, (c, n) => measure(c, 2 * n))
  return twice - once
}

const costs = (side) => `${side.serverUs.toFixed(1)} / ${side.clientUs.toFixed(1)}`

async function lifecycleVersusDone(ctx, record, goal) {
  const cases = [
    { label: '1 worker, 1 enqueue in flight', lanes: 1, workers: 1 },
    {
      label: `${WORKERS} workers, ${WORKERS} enqueues in flight`,
      lanes: WORKERS,
      workers: WORKERS,
    },
  ]
  for (const { label, lanes, workers } of cases) {
    const { staged, done } = await interleaved(ROUNDS, {
      staged: () => stagedLifecycle(ctx, 1, JOBS, lanes, workers),
      done: (round) => doneReference(ctx, JOBS, workers, round),
    })
    const stagedTrips = await tripsPerJob(ctx, (c, n) => stagedLifecycle(c, 1, n, lanes, workers))
    const doneTrips = await tripsPerJob(ctx, (c, n) => doneReference(c, n, workers, 'trips'))
    record(`staged job lifecycle, ${label} (median)`, Math.round(staged.rate), 'jobs/s')
    record('  all rounds', spreadRates(staged.rates), 'jobs/s')
    record('  round trips per staged job', stagedTrips, '')
    record('  Redis CPU / client CPU per staged job (medians)', costs(staged), 'µs')
    record(
      `done(), ${workers} connection(s), 1 in flight each (median)`,
      Math.round(done.rate),
      'calls/s',
    )
    record('  all rounds', spreadRates(done.rates), 'calls/s')
    record('  round trips per done()', doneTrips, '')
    record('  Redis CPU / client CPU per done() (medians)', costs(done), 'µs')
    record('  ratio staged jobs/s / done() calls/s (medians)', staged.rate / done.rate, 'x')
    if (workers === 1) {
      const marginal = await marginalTripsPerJob(ctx, (c, n) =>
        stagedLifecycle(c, 1, n, lanes, workers),
      )
      record('  round trips each further staged job adds (passes of 200 and 400)', marginal, '')
      goal('staged-trips', {
        value: marginal,
        ours: { name: 'staged job', ...staged },
        reference: { name: 'done()', ...done },
      })
    }
  }
}

/** Three stages of PIPELINE_JOBS jobs each, enqueued in withinGrouping, run by the workers. */
async function pipeline(ctx) {
  const inbox = new Inbox()
  const firstDispatch = new Map()
  const lastDispatch = new Map()
  const lastWork = new Map()
  const onDispatch = (payload) => {
    const now = performance.now()
    if (!firstDispatch.has(payload.stage)) firstDispatch.set(payload.stage, now)
    lastDispatch.set(payload.stage, now)
  }
  const producer = openLedger(ctx, inbox, onDispatch)
  const ledgers = Array.from({ length: WORKERS }, () => openLedger(ctx, inbox, onDispatch))
  const total = 3 * PIPELINE_JOBS
  const ran = new Counter()
  const running = startWorkers(
    ledgers,
    inbox,
    () => ran.add(),
    (payload) => lastWork.set(payload.stage, performance.now()),
  )
  // Warm-up: a one-stage group with one job per worker opens every connection.
  await producer.withinGrouping('bench warm-up', async (group) => {
    for (let i = 0; i < WORKERS; i++) await group.stage(1).enqueue('Warm', [])
  })
  await ran.reached(WORKERS)
  firstDispatch.clear()
  lastDispatch.clear()
  lastWork.clear()
  const result = await measured(ctx, 3 * PIPELINE_JOBS, async () => {
    await producer.withinGrouping('bench pipeline', async (group) => {
      for (const n of [1, 2, 3]) {
        await drive(PIPELINE_JOBS, WORKERS, (i) => group.stage(n).enqueue('Step', [n, i]))
      }
    })
    await ran.reached(WORKERS + total)
  })
  inbox.close(WORKERS)
  await running
  await Promise.all([producer, ...ledgers].map((ledger) => ledger.close()))
  return {
    ...result,
    handoff: firstDispatch.get(2) - lastWork.get(1),
    handoffAll: lastDispatch.get(2) - lastWork.get(1),
  }
}

/**
 * The pipeline's clock includes enqueuing the 3,000 jobs in withinGrouping; runs alone end to
 * end is what a user sees from "create the group" to "last job done".
 */
async function pipelineRuns(ctx, record) {
  const results = []
  for (let round = 0; round < ROUNDS; round++) results.push(await pipeline(ctx))
  record(
    `3 stages × ${PIPELINE_JOBS.toLocaleString('en-US')} jobs, ${WORKERS} workers, end to end (median)`,
    Math.round(median(results.map((r) => r.rate))),
    'jobs/s',
  )
  record('  all rounds', results.map((r) => Math.round(r.rate)).join(' / '), 'jobs/s')
  record(
    '  Redis CPU per job, incl. its enqueue (median)',
    median(results.map((r) => r.serverUs)),
    'µs',
  )
  record(
    '  last stage-1 job body ended → first stage-2 dispatch',
    results.map((r) => r.handoff.toFixed(1)).join(' / '),
    'ms',
  )
  record(
    '  last stage-1 job body ended → all 1,000 of stage 2 dispatched',
    results.map((r) => r.handoffAll.toFixed(1)).join(' / '),
    'ms',
  )
}

async function stageCountGrowth(ctx, record, goal) {
  const sides = Object.fromEntries(
    STAGE_COUNTS.map((stages) => [
      stages,
      () => stagedLifecycle(ctx, stages, JOBS, WORKERS, WORKERS),
    ]),
  )
  const byCount = await interleaved(ROUNDS, sides)
  const base = byCount[STAGE_COUNTS[0]]
  for (const stages of STAGE_COUNTS) {
    const s = byCount[stages]
    const trips = await tripsPerJob(ctx, (c, n) => stagedLifecycle(c, stages, n, WORKERS, WORKERS))
    record(
      `${stages} stage(s) in the group, ${WORKERS} workers (median)`,
      Math.round(s.rate),
      'jobs/s',
    )
    record('  all rounds', spreadRates(s.rates), 'jobs/s')
    record('  round trips per staged job', trips, '')
    record('  Redis CPU / client CPU per staged job (medians)', costs(s), 'µs')
    record(`  jobs/s relative to ${STAGE_COUNTS[0]} stage (medians)`, s.rate / base.rate, 'x')
  }
  const last = STAGE_COUNTS[STAGE_COUNTS.length - 1]
  goal(`stages-${last}-${STAGE_COUNTS[0]}`, {
    value: byCount[last].rate / base.rate,
    ours: { name: `${last} stages`, ...byCount[last] },
    reference: { name: `${STAGE_COUNTS[0]} stage`, ...base },
  })
}

export async function run({ redisUrl, record, goal }) {
  const admin = new Redis(redisUrl)
  const ctx = { redisUrl, admin }
  const cleaner = createLedger({ redis: redisUrl, prefix: PREFIX })
  try {
    await lifecycleVersusDone(ctx, record, goal)
    await pipelineRuns(ctx, record)
    await stageCountGrowth(ctx, record, goal)
  } finally {
    await cleaner.cleaner.purgeAll()
    await cleaner.close()
    await admin.quit()
  }
}
