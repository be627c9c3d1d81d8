// Stages on Redis. Dispatch records payloads into an in-process inbox (no queue), so what is
// measured is the ledger's own cost: enqueue into a running stage → stagedJob → run. Workers
// are separate ledgers, each on its own connection. Round trips and Redis CPU are read from the
// server (INFO commandstats). The reference, in the same run, is the same number of done()
// calls of a distributed job, the rule a stage's jobs are settled by.
import { Redis } from 'ioredis'
import { createLedger } from '../dist/index.js'

export const title = 'Stages (Redis)'

const PREFIX = 'bench-stages'
const WORKERS = 8
const JOBS = Number(process.env.STAGES_BENCH_N ?? 2_000)
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

function openLedger(redisUrl, inbox, onDispatch = noop) {
  return createLedger({
    redis: redisUrl,
    prefix: PREFIX,
    dispatch: (payload) => {
      onDispatch(payload)
      inbox.push(payload)
    },
  })
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

/** Runs `op(i)` for i in [0, n) with at most `inFlight` calls pending at once. */
async function drive(n, inFlight, op) {
  let next = 0
  const lane = async () => {
    while (next < n) await op(next++)
  }
  await Promise.all(Array.from({ length: inFlight }, lane))
}

/** The server's own CPU time in µs (INFO cpu, main thread, user + sys). */
async function serverCpu(admin) {
  const info = await admin.info('cpu')
  const user = Number(/used_cpu_user_main_thread:([\d.]+)/.exec(info)[1])
  const sys = Number(/used_cpu_sys_main_thread:([\d.]+)/.exec(info)[1])
  return (user + sys) * 1e6
}

/**
 * Round trips as the server saw them: MONITOR shows every command with its source, and the
 * commands a script runs come from "lua", so counting the rest (but the bench's own INFO)
 * counts the clients' requests.
 */
async function monitorTrips(redisUrl) {
  const client = new Redis(redisUrl)
  const monitor = await client.monitor()
  let trips = 0
  monitor.on('monitor', (_time, args, source) => {
    if (source !== 'lua' && String(args[0]).toLowerCase() !== 'info') trips++
  })
  return {
    async stop() {
      await monitor.disconnect()
      client.disconnect()
      return trips
    },
  }
}

/** Times `fn` and the server CPU it cost; with countTrips, counts round trips instead (slower). */
async function measured(ctx, fn) {
  const monitor = ctx.countTrips ? await monitorTrips(ctx.redisUrl) : null
  const cpuBefore = await serverCpu(ctx.admin)
  const start = performance.now()
  await fn()
  const seconds = (performance.now() - start) / 1000
  const usec = (await serverCpu(ctx.admin)) - cpuBefore
  const trips = monitor ? await monitor.stop() : null
  return { seconds, usec, trips }
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
  const producer = openLedger(ctx.redisUrl, inbox)
  const ledgers = Array.from({ length: workers }, () => openLedger(ctx.redisUrl, inbox))
  const group = await openRunningGroup(producer, stages)
  await inbox.take() // the sentinel: it stays queued so stage 1 stays running
  const stage = group.stage(1)
  const ran = new Counter()
  const running = startWorkers(ledgers, inbox, () => ran.add())
  // Warm-up: one job per worker, so every connection is open before the clock starts.
  await Promise.all(ledgers.map(() => stage.enqueue('Warm', [])))
  await ran.reached(workers)
  const result = await measured(ctx, async () => {
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
    createLedger({ redis: ctx.redisUrl, prefix: PREFIX }),
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
  const result = await measured(ctx, () =>
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

function perJob(result, jobs) {
  return { rate: jobs / result.seconds, usec: result.usec / jobs }
}

/** Round trips per job, from a separate monitored pass of TRIP_JOBS jobs (not timed). */
async function tripsPerJob(ctx, measure) {
  const result = await measure({ ...ctx, countTrips: true }, TRIP_JOBS)
  return result.trips / TRIP_JOBS
}

function spread(results) {
  const rates = results.map((r) => r.rate)
  return `${Math.round(Math.min(...rates)).toLocaleString('en-US')}–${Math.round(Math.max(...rates)).toLocaleString('en-US')}`
}

function best(results) {
  return results.reduce((a, b) => (b.rate > a.rate ? b : a))
}

async function lifecycleVersusDone(ctx, record) {
  const cases = [
    { label: '1 worker, 1 enqueue in flight', lanes: 1, workers: 1 },
    {
      label: `${WORKERS} workers, ${WORKERS} enqueues in flight`,
      lanes: WORKERS,
      workers: WORKERS,
    },
  ]
  for (const { label, lanes, workers } of cases) {
    const staged = []
    const plain = []
    for (let round = 0; round < ROUNDS; round++) {
      const runStaged = async () =>
        staged.push(perJob(await stagedLifecycle(ctx, 1, JOBS, lanes, workers), JOBS))
      const runDone = async () =>
        plain.push(perJob(await doneReference(ctx, JOBS, workers, round), JOBS))
      if (round % 2 === 0) {
        await runStaged()
        await runDone()
      } else {
        await runDone()
        await runStaged()
      }
    }
    const s = best(staged)
    const d = best(plain)
    const stagedTrips = await tripsPerJob(ctx, (c, n) => stagedLifecycle(c, 1, n, lanes, workers))
    const doneTrips = await tripsPerJob(ctx, (c, n) => doneReference(c, n, workers, 'trips'))
    record(`staged job lifecycle, ${label} (best)`, Math.round(s.rate), 'jobs/s')
    record('  all rounds', spread(staged), 'jobs/s')
    record('  round trips per staged job', stagedTrips, '')
    record('  Redis CPU per staged job (best round)', s.usec, 'µs')
    record(
      `done(), ${workers} connection(s), 1 in flight each (best)`,
      Math.round(d.rate),
      'calls/s',
    )
    record('  all rounds', spread(plain), 'calls/s')
    record('  round trips per done()', doneTrips, '')
    record('  Redis CPU per done() (best round)', d.usec, 'µs')
    record('  ratio staged jobs/s / done() calls/s (best / best)', s.rate / d.rate, 'x')
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
  const producer = openLedger(ctx.redisUrl, inbox, onDispatch)
  const ledgers = Array.from({ length: WORKERS }, () => openLedger(ctx.redisUrl, inbox, onDispatch))
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
  const result = await measured(ctx, async () => {
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
  const total = 3 * PIPELINE_JOBS
  const rates = results.map((r) => total / r.seconds)
  const i = rates.indexOf(Math.max(...rates))
  record(
    `3 stages × ${PIPELINE_JOBS.toLocaleString('en-US')} jobs, ${WORKERS} workers, end to end (best)`,
    Math.round(rates[i]),
    'jobs/s',
  )
  record('  all rounds', rates.map((r) => Math.round(r)).join(' / '), 'jobs/s')
  record('  Redis CPU per job, incl. its enqueue (best round)', results[i].usec / total, 'µs')
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

async function stageCountGrowth(ctx, record) {
  const byCount = new Map(STAGE_COUNTS.map((n) => [n, []]))
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? STAGE_COUNTS : [...STAGE_COUNTS].reverse()
    for (const stages of order) {
      const result = await stagedLifecycle(ctx, stages, JOBS, WORKERS, WORKERS)
      byCount.get(stages).push(perJob(result, JOBS))
    }
  }
  const base = best(byCount.get(STAGE_COUNTS[0]))
  for (const stages of STAGE_COUNTS) {
    const s = best(byCount.get(stages))
    const trips = await tripsPerJob(ctx, (c, n) => stagedLifecycle(c, stages, n, WORKERS, WORKERS))
    record(
      `${stages} stage(s) in the group, ${WORKERS} workers (best)`,
      Math.round(s.rate),
      'jobs/s',
    )
    record('  all rounds', spread(byCount.get(stages)), 'jobs/s')
    record('  round trips per staged job', trips, '')
    record('  Redis CPU per staged job (best round)', s.usec, 'µs')
    record(`  jobs/s relative to ${STAGE_COUNTS[0]} stage`, s.rate / base.rate, 'x')
  }
}

export async function run({ redisUrl, record }) {
  const admin = new Redis(redisUrl)
  const ctx = { redisUrl, admin }
  const cleaner = createLedger({ redis: redisUrl, prefix: PREFIX })
  try {
    await lifecycleVersusDone(ctx, record)
    await pipelineRuns(ctx, record)
    await stageCountGrowth(ctx, record)
  } finally {
    await cleaner.cleaner.purgeAll()
    await cleaner.close()
    await admin.quit()
  }
}
