import { formatDuration } from '../cli/format.js'
import type { Output } from '../cli/output.js'
import { ITEM_ATTEMPTS } from './plan.js'
import type { DemoResult } from './run-demo.js'

/** The end-of-run table: totals, retries, speed, and the ids to inspect. */
export function printDemoSummary(out: Output, result: DemoResult, target: string): void {
  const { report, expected, retries } = result
  const seconds = result.elapsedMs / 1000
  const settled = report.processed + report.skipped + report.errored
  out.line()
  out.table(
    ['', 'value'],
    [
      ['items', `${report.items} (of ${result.settings.items} in the input)`],
      ['processed', String(report.processed)],
      ['skipped', `${report.skipped} (already imported)`],
      [
        'errored',
        `${report.errored} (injected failures that exhausted ${ITEM_ATTEMPTS} attempts: ${expected.errored})`,
      ],
      ['batches', `${report.batchesDone}/${report.batches} done`],
      ['retries', `${retries.items} item attempts, ${retries.jobs} batch jobs (via the queue)`],
      ['elapsed', formatDuration(result.elapsedMs)],
      ['throughput', `${Math.round(settled / Math.max(seconds, 0.001))} items/s`],
      ['workers', `${result.workers.length} ${result.workerMode}`],
    ],
  )
  out.line()
  out.table(
    ['worker', 'items', 'batches', 'jobs', 'item retries', 'job retries'],
    result.workers.map((w) =>
      [w.worker, w.items, w.batches, w.jobs, w.itemRetries, w.jobRetries].map(String),
    ),
  )
  out.line()
  out.line(`Inspect (in ${target}):`)
  out.table(
    ['', 'id', 'command'],
    [
      ['job token', result.token, `jobledger status ${result.token}`],
      ['group', result.groupId, `jobledger status ${result.groupId} --kind group`],
      ['queue', result.queue, `jobledger status ${result.queue} --kind queue`],
      ['run status', result.runStatus, `jobledger status ${result.runStatus} --kind status`],
    ],
  )
  out.line()
  if (result.mismatches.length === 0) {
    out.line("Check: the ledger's totals match the input and the injected failures exactly.")
  } else {
    for (const mismatch of result.mismatches) out.error(`mismatch: ${mismatch}`)
  }
}
