import {
  type CallbackPayload,
  isCallbackPayload,
  type Ledger,
  type StartedItem,
  type Status,
} from '../index.js'
import { runReportCallback } from './demo-callback.js'
import {
  DEMO_LEASE_MS,
  type DemoWork,
  demoIds,
  demoQueue,
  REPORT_CALLBACK,
  type StagedWork,
} from './demo-names.js'
import { HANDLERS, type HandlerContext } from './handlers.js'
import { type DemoSettings, JOB_ATTEMPTS } from './plan.js'

export interface WorkerOptions {
  ledger: Ledger
  run: string
  worker: number
  settings: DemoSettings
  /** True once the run is over (or abandoned) and the worker should leave. */
  isOver: () => Promise<boolean>
}

/** What one worker did; also kept in its status's fields while it runs. */
export interface WorkerTally {
  items: number
  jobs: number
  batches: number
  itemRetries: number
  jobRetries: number
  /** Batches whose tracker was told it finished the distributed job (1 across all workers). */
  finishedJob: number
}

const POP_TIMEOUT_MS = 200

/**
 * One demo worker: pops staged jobs from the tracked queue, runs them, settles the queue item
 * and re-pushes a job that failed with attempts left. Its status shows its progress.
 */
export async function runWorker(options: WorkerOptions): Promise<WorkerTally> {
  const { ledger, run, worker } = options
  const tally: WorkerTally = {
    items: 0,
    jobs: 0,
    batches: 0,
    itemRetries: 0,
    jobRetries: 0,
    finishedJob: 0,
  }
  const statusId = demoIds.workerStatus(run, worker)
  return ledger.track(
    statusId,
    async (status) => {
      await status.update({ pid: process.pid })
      const queue = demoQueue(ledger, run)
      for (;;) {
        const item = await queue.popAndStart({ timeoutMs: POP_TIMEOUT_MS })
        if (item) await runOne(options, item, tally, status)
        else if (await options.isOver()) return tally
      }
    },
    { throttleMs: 100 },
  )
}

/**
 * Runs one popped staged job, heartbeating its lease meanwhile. Written so that a worker killed
 * at any point leaves nothing lost: the item's lease runs out and another worker takes it; a
 * retry is pushed before the crashed attempt's item is failed; a job that an earlier holder of
 * the item already settled is a duplicate delivery and only finishes the item.
 */
async function runOne(
  options: WorkerOptions,
  item: StartedItem<DemoWork>,
  tally: WorkerTally,
  status: Status,
): Promise<void> {
  const heartbeat = setInterval(() => {
    item.heartbeat().catch(() => clearInterval(heartbeat))
  }, DEMO_LEASE_MS / 3)
  try {
    const work = item.data
    if (isCallbackPayload(work)) await runCallback(options, item, work)
    else await runStaged(options, item, work, tally)
  } finally {
    clearInterval(heartbeat)
    await status.update({ progress: tally.items, ...tally })
  }
}

/** The group's report callback, delivered through the queue like a staged job. */
async function runCallback(
  options: WorkerOptions,
  item: StartedItem<DemoWork>,
  payload: CallbackPayload,
): Promise<void> {
  if (payload.name !== REPORT_CALLBACK)
    throw new Error(`the demo has no handler for callback ${payload.name}`)
  try {
    await item.finish(await runReportCallback(options.ledger, options.run, payload))
  } catch (error) {
    await item.fail([error])
  }
}

async function runStaged(
  options: WorkerOptions,
  item: StartedItem<DemoWork>,
  work: StagedWork,
  tally: WorkerTally,
): Promise<void> {
  const { ledger, run, settings } = options
  const { attempt = 1, ...payload } = work
  const staged = await ledger.stagedJob(payload)
  const before = await staged.status()
  if (before === 'successful' || before === 'failed') {
    await item.finish({ duplicate: true, status: before })
    return
  }
  const handler = HANDLERS[payload.name]
  if (!handler) throw new Error(`the demo has no handler for staged job ${payload.name}`)
  const context: HandlerContext = {
    ledger,
    run,
    settings,
    staged,
    attempt,
    onItemRetry: () => tally.itemRetries++,
  }
  const willRetry = attempt < JOB_ATTEMPTS
  tally.jobs++
  try {
    const result = await staged.run((...args) => handler(context, ...(args as never[])), {
      willRetry: () => willRetry,
      carrier: item,
    })
    await item.finish(result)
    countBatch(tally, result)
  } catch (error) {
    if (willRetry) {
      await demoQueue(ledger, run).createAndPush({ ...payload, attempt: attempt + 1 })
      tally.jobRetries++
    }
    await item.fail([error])
  }
}

function countBatch(tally: WorkerTally, result: unknown): void {
  const batch = result as {
    processed?: number
    skipped?: number
    errored?: number
    jobFinished?: boolean
    batch?: number
  }
  if (typeof batch.batch !== 'number') return
  tally.batches++
  tally.items += (batch.processed ?? 0) + (batch.skipped ?? 0) + (batch.errored ?? 0)
  if (batch.jobFinished) tally.finishedJob++
}
