import { setTimeout as delay } from 'node:timers/promises'
import type { JobReport, Ledger, StagedJob } from '../index.js'
import { batchCrashes, type DemoSettings, ITEM_ATTEMPTS, planItem } from './plan.js'

/** What a worker knows while it runs one staged job. */
export interface HandlerContext {
  ledger: Ledger
  run: string
  settings: DemoSettings
  staged: StagedJob
  attempt: number
  /** Counts an item attempt that failed and was tried again. */
  onItemRetry(): void
}

export interface BatchResult {
  batch: number
  processed: number
  skipped: number
  errored: number
  /** True for the one batch whose report finished the distributed job. */
  jobFinished: boolean
}

/** Stage 1: imports one batch of the distributed job through a tracker. */
async function importBatch(context: HandlerContext, token: string, index: number) {
  const { settings, attempt } = context
  if (batchCrashes(settings, index, attempt)) {
    throw new Error(
      `batch ${index}: connection to the warehouse reset (injected, attempt ${attempt})`,
    )
  }
  const tracker = context.ledger.tracker<string>({
    job: token,
    batch: index,
    // The records' I/O, simulated: one bulk load per batch.
    load: async (ids) => {
      await delay((ids.length * settings.workUs) / 1000)
      return ids
    },
    idOf: (id) => id,
  })
  const report = await tracker.eachRecord(async (id) => {
    const plan = planItem(settings, Number(id))
    if (plan.skip) return 'skipped'
    for (let tried = 1; tried <= plan.failingAttempts; tried++) {
      if (tried === ITEM_ATTEMPTS) throw new Error(`item ${id} rejected ${tried} times (injected)`)
      context.onItemRetry()
    }
    return undefined
  })
  return {
    batch: index,
    processed: report.processed,
    skipped: report.skipped,
    errored: report.errored,
    jobFinished: report.jobFinished,
  } satisfies BatchResult
}

export async function finishedReport(ledger: Ledger, token: string): Promise<JobReport> {
  const report = await ledger.job(token).report()
  if (!report?.finished) throw new Error(`job ${token} is not finished; stage 2 started too early`)
  return report
}

/** Stage 2: checks the finished job and counts the errored items it kept, page by page. */
async function summarize(context: HandlerContext, token: string) {
  const report = await finishedReport(context.ledger, token)
  let listed = 0
  let cursor: string | null = null
  do {
    const page = await context.ledger.job(token).outcomes('errored', { cursor, limit: 1000 })
    listed += page.entries.length
    cursor = page.cursor
  } while (cursor !== null)
  await context.staged.setStatusMessage(
    `${report.processed} processed, ${report.skipped} skipped, ${report.errored} errored`,
  )
  return { ...report, erroredListed: listed }
}

/** The demo's staged jobs by name. */
export const HANDLERS: Record<string, (context: HandlerContext, ...args: never[]) => unknown> = {
  'import-batch': importBatch,
  summarize,
}
