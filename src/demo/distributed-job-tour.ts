import { setTimeout as delay } from 'node:timers/promises'
import type { JobSummary, Ledger } from '../index.js'

export interface TourOptions {
  items: number
  workers: number
  failRate: number
  /** Called with the job's summary a few times a second while the workers run. */
  onProgress: (summary: JobSummary) => void
}

export interface TourResult {
  summary: JobSummary
  /** Failures the workers injected, counted by the workers themselves. */
  injectedFailures: number
  /** Workers that `done`/`fail` told they settled the last part; exactly one is expected. */
  finishers: number[]
  perWorker: number[]
  elapsedMs: number
}

interface Message {
  item: number
  part: string
}

/** A small deterministic generator, so a given run injects the same failures every time. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0
    return state / 2 ** 32
  }
}

/**
 * A distributed job on one ledger: the producer pushes one part per item into an in-process
 * work queue, `workers` concurrent workers process the messages (1–4 ms of simulated work each,
 * failing some at `failRate`) and settle their part with done/fail.
 */
export async function runDistributedJobTour(
  ledger: Ledger,
  options: TourOptions,
): Promise<TourResult> {
  const started = Date.now()
  const job = ledger.job()
  const queue: Message[] = []
  const items = Array.from({ length: options.items }, (_, i) => i)
  await job.pushEach(items, (item, part) => queue.push({ item, part }))

  const random = seededRandom(42)
  const result: TourResult = {
    summary: (await job.summary())!,
    injectedFailures: 0,
    finishers: [],
    perWorker: Array.from({ length: options.workers }, () => 0),
    elapsedMs: 0,
  }
  const worker = async (index: number) => {
    for (let message = queue.shift(); message; message = queue.shift()) {
      await delay(1 + Math.floor(random() * 4))
      const failing = random() < options.failRate
      if (failing) result.injectedFailures++
      const finished = failing
        ? await ledger.job(job.token).fail(message.part, `item ${message.item}: simulated failure`)
        : await ledger.job(job.token).done(message.part)
      result.perWorker[index]!++
      if (finished) result.finishers.push(index)
    }
  }

  const reporter = setInterval(() => {
    job.summary().then(
      (summary) => summary && options.onProgress(summary),
      () => {},
    )
  }, 100)
  try {
    await Promise.all(result.perWorker.map((_, index) => worker(index)))
  } finally {
    clearInterval(reporter)
  }
  result.summary = (await job.summary())!
  options.onProgress(result.summary)
  result.elapsedMs = Date.now() - started
  return result
}
