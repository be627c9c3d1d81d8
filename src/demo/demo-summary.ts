import { formatDuration } from '../cli/format.js'
import type { Output } from '../cli/output.js'
import { maskRedisUrl } from '../index.js'
import { ITEM_ATTEMPTS } from './plan.js'
import type { DemoResult } from './run-demo.js'

/** Where the demo ran, for the commands it suggests; absent for the embedded store. */
export interface DemoTarget {
  url: string
  prefix: string
}

/**
 * The flags that point `jobledger status` at the demo's Redis: `--redis URL`, and `--prefix`
 * unless it is the default. A password is shown as *** (the note says to put it back).
 */
export function inspectFlags(redis: DemoTarget | undefined): string {
  if (!redis) return ''
  const prefix = redis.prefix === 'jobledger' ? '' : ` --prefix ${redis.prefix}`
  return ` --redis ${maskRedisUrl(redis.url)}${prefix}`
}

/** The end-of-run table: totals, retries, speed, lost workers, and the ids to inspect. */
export function printDemoSummary(
  out: Output,
  result: DemoResult,
  target: string,
  redis?: DemoTarget,
): void {
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
      ['callback', callbackLine(result)],
    ],
  )
  out.line()
  out.table(
    ['worker', 'items', 'batches', 'jobs', 'item retries', 'job retries'],
    result.workers.map((w) =>
      [w.worker, w.items, w.batches, w.jobs, w.itemRetries, w.jobRetries].map(String),
    ),
  )
  printLostWorkers(out, result)
  printInspect(out, result, target, redis)
  out.line()
  if (result.mismatches.length > 0) {
    for (const mismatch of result.mismatches) out.error(`mismatch: ${mismatch}`)
  } else if (result.lostWorkers.length > 0) {
    out.line(
      `Check: the ledger's totals match the input and the injected failures exactly; the workers' own counts (${result.unchecked.map((line) => line.split(':')[0]).join(', ')}) are not checked, since a worker was lost.`,
    )
  } else {
    out.line("Check: the ledger's totals match the input and the injected failures exactly.")
  }
}

/** The report callback: how often it reached dispatch, when its signal fired, its key. */
function callbackLine({ callback }: DemoResult): string {
  const times = callback.dispatched === 1 ? 'once' : `${callback.dispatched} times`
  const fired = callback.firedAt === null ? 'never' : new Date(callback.firedAt).toISOString()
  const confirmed = callback.confirmed ? 'confirmed' : 'NOT confirmed'
  const key = callback.idempotencyKey ?? '-'
  return `${callback.name} on group ${callback.signal}: dispatched ${times}, ${confirmed} (signal at ${fired}, key ${key})`
}

function printLostWorkers(out: Output, result: DemoResult): void {
  if (result.lostWorkers.length === 0) return
  out.line()
  out.line('Lost workers (their leased work went back to the queue and was done by the others):')
  for (const lost of result.lostWorkers) out.line(`  ${lost.message}`)
}

function printInspect(out: Output, result: DemoResult, target: string, redis?: DemoTarget): void {
  const flags = inspectFlags(redis)
  out.line()
  out.line(`Inspect (in ${target}):`)
  out.table(
    ['', 'id', 'command'],
    [
      ['job token', result.token, `jobledger status ${result.token}${flags}`],
      ['group', result.groupId, `jobledger status ${result.groupId} --kind group${flags}`],
      ['queue', result.queue, `jobledger status ${result.queue} --kind queue${flags}`],
      [
        'run status',
        result.runStatus,
        `jobledger status ${result.runStatus} --kind status${flags}`,
      ],
    ],
  )
  if (flags.includes(':***@')) out.line('(put your Redis password in place of ***)')
}
