import type { Ledger, StartedItem, Status } from '../index.js'
import { type DemoWork, demoIds } from './demo-names.js'
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
      const queue = ledger.queue<DemoWork>(demoIds.queue(run))
      for (;;) {
        const item = await queue.popAndStart({ timeoutMs: POP_TIMEOUT_MS })
        if (item) await runOne(options, item, tally, status)
        else if (await options.isOver()) return tally
      }
    },
    { throttleMs: 100 },
  )
}

async function runOne(
  options: WorkerOptions,
  item: StartedItem<DemoWork>,
  tally: WorkerTally,
  status: Status,
): Promise<void> {
  const { ledger, run, settings } = options
  const { attempt = 1, ...payload } = item.data
  const staged = await ledger.stagedJob(payload)
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
    })
    await item.finish(result)
    countBatch(tally, result)
  } catch (error) {
    await item.fail([error])
    if (!willRetry) return
    tally.jobRetries++
    await ledger.queue<DemoWork>(item.queue).createAndPush({ ...payload, attempt: attempt + 1 })
  } finally {
    await status.update({ progress: tally.items, ...tally })
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
