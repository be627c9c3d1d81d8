import { parseArgs } from 'node:util'
import { SingleBar } from 'cli-progress'
import { formatDuration, formatProgress } from '../cli/format.js'
import { Output } from '../cli/output.js'
import { createLedger, type JobSummary } from '../index.js'
import { runDistributedJobTour } from './distributed-job-tour.js'

// A short scripted tour of a distributed job on the embedded store. The full demo (batches,
// stages, the tracked queue, worker processes on Redis) becomes `jobledger demo`.

function readOptions() {
  const { values } = parseArgs({
    options: {
      items: { type: 'string', default: '2000' },
      workers: { type: 'string', default: '4' },
      'fail-rate': { type: 'string', default: '0.01' },
    },
  })
  const items = Number(values.items)
  const workers = Number(values.workers)
  const failRate = Number(values['fail-rate'])
  if (!Number.isSafeInteger(items) || items < 1)
    throw new Error('--items must be a whole number above 0')
  if (!Number.isSafeInteger(workers) || workers < 1)
    throw new Error('--workers must be a whole number above 0')
  if (!(failRate >= 0 && failRate <= 1)) throw new Error('--fail-rate must be between 0 and 1')
  return { items, workers, failRate }
}

function progressReporter(out: Output): { update(summary: JobSummary): void; stop(): void } {
  const settled = (summary: JobSummary) => summary.succeeded + summary.failed
  if (out.isTTY) {
    const bar = new SingleBar({
      stream: out.streams.stdout,
      format:
        'job [{bar}] {percentage}% | {value}/{total} parts | {failed} failed | ETA {eta_formatted}',
      hideCursor: true,
    })
    let started = false
    return {
      update: (summary) => {
        if (!started) bar.start(summary.total, 0, { failed: 0 })
        started = true
        bar.update(settled(summary), { failed: summary.failed })
      },
      stop: () => bar.stop(),
    }
  }
  let lastTenth = -1
  return {
    update: (summary) => {
      const tenth = Math.floor((settled(summary) / Math.max(summary.total, 1)) * 10)
      if (tenth === lastTenth) return
      lastTenth = tenth
      out.line(
        `job: ${formatProgress(settled(summary), summary.total)} parts settled, ${summary.failed} failed`,
      )
    },
    stop: () => {},
  }
}

async function main(): Promise<void> {
  let options: ReturnType<typeof readOptions>
  try {
    options = readOptions()
  } catch (error) {
    console.error(`demo: ${(error as Error).message}`)
    process.exitCode = 2
    return
  }
  const out = new Output(process)
  out.line(
    `A distributed job of ${options.items} parts on the embedded store, ${options.workers} workers,`,
  )
  out.line(`1-4 ms of simulated work per item, about ${options.failRate * 100}% failing.`)
  out.line()
  const ledger = createLedger()
  const progress = progressReporter(out)
  try {
    const result = await runDistributedJobTour(ledger, { ...options, onProgress: progress.update })
    progress.stop()
    const { summary } = result
    out.line()
    out.details([
      ['job', summary.token],
      ['state', `${summary.state} (${summary.outcome})`],
      ['parts', String(summary.total)],
      ['succeeded', String(summary.succeeded)],
      ['failed', `${summary.failed} (workers injected ${result.injectedFailures})`],
      ['per worker', result.perWorker.join(', ')],
      [
        'told "finished"',
        `${result.finishers.length} worker (worker ${result.finishers.join(', ')})`,
      ],
      ['elapsed', formatDuration(result.elapsedMs)],
      ['throughput', `${Math.round(summary.total / (result.elapsedMs / 1000))} parts/s`],
    ])
    const consistent =
      result.finishers.length === 1 &&
      summary.failed === result.injectedFailures &&
      summary.open === 0
    if (!consistent) throw new Error('the ledger disagrees with what the workers did')
  } finally {
    progress.stop()
    await ledger.close()
  }
}

main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
