import type { Group, JobReport, Ledger, StageRecord } from '../index.js'
import { type DemoCallback, readDemoCallback } from './demo-callback.js'
import { demoIds, REPORT_CALLBACK } from './demo-names.js'
import type { DemoDisplay, DemoProgress, ProgressLine } from './demo-progress.js'
import {
  type DemoWorkers,
  type LostWorker,
  startInProcessWorkers,
  startWorkerProcesses,
} from './demo-workers.js'
import { type DemoSettings, type ExpectedTotals, expectedTotals, itemIds } from './plan.js'
import type { WorkerTally } from './worker.js'

export interface DemoOptions {
  /** The run's id; every other id of the run derives from it (see demoIds). */
  run: string
  settings: DemoSettings
  workers: number
  /** Worker processes on this Redis; in-process workers on the ledger's store when absent. */
  redis?: { url: string; prefix: string }
  display: DemoDisplay
  signal: AbortSignal
  /** Told at once when a worker process ends before the run is over; the run goes on. */
  onWorkerLost?: (lost: LostWorker) => void
}

export interface DemoResult {
  run: string
  runStatus: string
  token: string
  groupId: string
  queue: string
  settings: DemoSettings
  workerMode: 'in-process' | 'processes'
  expected: ExpectedTotals
  report: JobReport
  /** The group's `settled` callback that wrote the report: dispatched once, confirmed. */
  callback: DemoCallback
  retries: { items: number; jobs: number }
  workers: (WorkerTally & { worker: number })[]
  elapsedMs: number
  /** Worker processes that ended before the run was over; the others finished their work. */
  lostWorkers: LostWorker[]
  /** What disagrees with the plan; empty when the ledger's totals match it exactly. */
  mismatches: string[]
  /**
   * Checks left out, and why: with a worker lost, the counts the workers keep themselves
   * (retries, who was told the job finished) miss what it did after its last status write.
   */
  unchecked: string[]
}

/** What following and collecting a run need to read it back. */
interface DemoRun {
  ledger: Ledger
  options: DemoOptions
  /** The distributed job's token. */
  token: string
  /** When the run started, ms since the epoch. */
  started: number
}

const POLL_MS = 200
const STAGE_NAMES = ['import', 'summary']

/**
 * The demo: an import of `items` ids split into batches of a distributed job (stage 1), a
 * summary (stage 2) and a report written by the group's durable `settled` callback, the staged
 * jobs and the callback travelling on a tracked queue to workers, every unit's progress read
 * back from the ledger while it runs.
 */
export async function runDemo(ledger: Ledger, options: DemoOptions): Promise<DemoResult> {
  const { run, settings } = options
  const started = Date.now()
  const isOver = async () => {
    const snap = await ledger.getStatus(demoIds.runStatus(run))
    return snap === null || snap.isCompleted || snap.isFailed
  }
  let workers: DemoWorkers | null = null
  const job = ledger.job()
  const demo: DemoRun = { ledger, options, token: job.token, started }
  let group: Group | null = null
  try {
    await ledger.track(demoIds.runStatus(run), async (status) => {
      await status.update({ settings: { ...settings }, workers: options.workers, token: job.token })
      const { redis, onWorkerLost } = options
      workers = redis
        ? startWorkerProcesses(redis.url, redis.prefix, run, options.workers, onWorkerLost)
        : startInProcessWorkers(ledger.store, run, settings, options.workers, isOver)
      const produced = produce(ledger, job.token, settings)
      group = await Promise.race([produced, workers.failed])
      await status.update({ group: group.id })
      await Promise.race([follow(demo, group), workers.failed])
    })
    await (workers as DemoWorkers | null)?.done()
  } catch (error) {
    ;(workers as DemoWorkers | null)?.kill()
    throw error
  } finally {
    options.display.stop()
  }
  const lost = (workers as DemoWorkers | null)?.lost ?? []
  return collect(demo, (group as Group | null)?.id ?? '', [...lost])
}

/** The producer: batches of the job are stage 1's jobs, then stage 2; the report is a callback. */
async function produce(ledger: Ledger, token: string, settings: DemoSettings): Promise<Group> {
  const job = ledger.job(token)
  return ledger.withinGrouping(`demo import of ${settings.items} items`, async (group) => {
    await job.addBatches(itemIds(settings), { size: settings.batchSize }, ({ index }) =>
      group.stage(1).enqueue('import-batch', [token, index]),
    )
    await group.stage(2).enqueue('summarize', [token])
    await group.on('settled', { name: REPORT_CALLBACK, args: [token] })
  })
}

/** Shows progress until the report status is written; throws when interrupted. */
async function follow(demo: DemoRun, group: Group): Promise<void> {
  const { ledger, options } = demo
  for (;;) {
    if (options.signal.aborted) throw new Error('interrupted; the workers were told to stop')
    options.display.update(await readProgress(demo, group))
    const report = await ledger.getStatus(demoIds.reportStatus(options.run))
    if (report?.isCompleted) return
    if (report?.isFailed) throw new Error('the report job failed; see its status')
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

async function readProgress(demo: DemoRun, group: Group): Promise<DemoProgress> {
  const { ledger, options, token, started } = demo
  const { run } = options
  const [report, stages, queue, reported, workerSnaps] = await Promise.all([
    ledger.job(token).report(),
    Promise.all([1, 2].map((number) => group.stage(number).record())),
    ledger.queue(demoIds.queue(run)).counts(),
    ledger.getStatus(demoIds.reportStatus(run)),
    Promise.all(
      Array.from({ length: options.workers }, (_, i) =>
        ledger.getStatus(demoIds.workerStatus(run, i + 1)),
      ),
    ),
  ])
  const items = options.settings.items
  const settled = report ? report.processed + report.skipped + report.errored : 0
  return {
    elapsedMs: Date.now() - started,
    stages: [
      ...stages.map((record, i) => stageLine(record, i, settled, items)),
      reportLine(stages, reported?.isCompleted === true),
    ],
    workers: workerSnaps.map((snap, i) => ({
      label: `worker ${i + 1}`,
      done: snap?.progress ?? 0,
      // A worker's fair share of the items, or what it did when it took more.
      total: Math.max(snap?.progress ?? 0, Math.ceil(items / options.workers)),
      unit: 'items',
      state: snap === null ? 'starting' : '',
    })),
    queue: `${queue.waiting} waiting, ${queue.running} running, ${queue.finished} finished, ${queue.failed} failed`,
  }
}

function stageLine(record: StageRecord, i: number, settled: number, items: number): ProgressLine {
  const label = `stage ${record.number} ${STAGE_NAMES[i]}`
  const state = record.status === 'pending' ? 'pending' : ''
  if (record.number === 1) return { label, done: settled, total: items, unit: 'items', state }
  const done = record.successful + record.failed
  return { label, done, total: record.numJobs, unit: 'jobs', state }
}

/** The report callback's line: pending until the group settles, then done once it wrote. */
function reportLine(stages: readonly StageRecord[], written: boolean): ProgressLine {
  const settled = stages.every((stage) => stage.status === 'complete')
  const state = settled || written ? '' : 'pending'
  return { label: 'report callback', done: written ? 1 : 0, total: 1, unit: 'run', state }
}

async function collect(
  demo: DemoRun,
  groupId: string,
  lostWorkers: LostWorker[],
): Promise<DemoResult> {
  const { ledger, options, token, started } = demo
  const { run } = options
  const elapsedMs = Date.now() - started
  const report = await ledger.job(token).report()
  if (!report) throw new Error(`job ${token} disappeared before its report was read`)
  const workers = await Promise.all(
    Array.from({ length: options.workers }, async (_, i) => {
      const snap = await ledger.getStatus(demoIds.workerStatus(run, i + 1))
      return { worker: i + 1, ...tallyOf(snap?.fields ?? {}) }
    }),
  )
  const sum = (key: keyof WorkerTally) => workers.reduce((total, w) => total + w[key], 0)
  const expected = expectedTotals(options.settings)
  const callback = await readDemoCallback(ledger, run, groupId)
  const retries = { items: sum('itemRetries'), jobs: sum('jobRetries') }
  return {
    run,
    runStatus: demoIds.runStatus(run),
    token,
    groupId,
    queue: demoIds.queue(run),
    settings: options.settings,
    workerMode: options.redis ? 'processes' : 'in-process',
    expected,
    report,
    callback,
    retries,
    workers,
    elapsedMs,
    lostWorkers,
    ...checkTotals(
      expected,
      { report, callback, retries },
      sum('finishedJob'),
      lostWorkers.length > 0,
    ),
  }
}

function tallyOf(fields: Readonly<Record<string, unknown>>): WorkerTally {
  const read = (key: string) => (typeof fields[key] === 'number' ? (fields[key] as number) : 0)
  return {
    items: read('items'),
    jobs: read('jobs'),
    batches: read('batches'),
    itemRetries: read('itemRetries'),
    jobRetries: read('jobRetries'),
    finishedJob: read('finishedJob'),
  }
}

/**
 * The ledger's totals always match the plan exactly; the workers' own tallies do too unless
 * a worker was lost, whose tally stops at its last status write.
 */
function checkTotals(
  expected: ExpectedTotals,
  { report, callback, retries }: Pick<DemoResult, 'report' | 'callback' | 'retries'>,
  finishers: number,
  workerLost: boolean,
): { mismatches: string[]; unchecked: string[] } {
  const ledger: [string, number, number][] = [
    ['items', report.items, expected.items],
    ['processed', report.processed, expected.processed],
    ['skipped', report.skipped, expected.skipped],
    ['errored', report.errored, expected.errored],
    ['missing', report.missing, 0],
    ['batches', report.batches, expected.batches],
    ['batches done', report.batchesDone, expected.batches],
    ['report callback reached dispatch', Math.min(callback.dispatched, 1), 1],
    ['report callback confirmed', callback.confirmed ? 1 : 0, 1],
  ]
  const tallies: [string, number, number][] = [
    ['item retries', retries.items, expected.itemRetries],
    ['job retries', retries.jobs, expected.jobRetries],
    ['workers told the job finished', finishers, 1],
    // Exactly once when nothing crashes; a worker killed between dispatch and confirm leaves
    // the callback due, and recovery dispatches it again (at least once).
    ['report callback dispatches', callback.dispatched, 1],
  ]
  const checked = workerLost ? ledger : [...ledger, ...tallies]
  const mismatches = checked
    .filter(([, actual, wanted]) => actual !== wanted)
    .map(([name, actual, wanted]) => `${name}: the ledger says ${actual}, the plan ${wanted}`)
  const unchecked = workerLost
    ? tallies.map(([name]) => `${name}: counted by the workers, and a worker was lost`)
    : []
  return { mismatches, unchecked }
}
