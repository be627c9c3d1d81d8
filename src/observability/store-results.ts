import type { DonePartResult, PartOutcome, ReportBatchResult } from '../domain/job-results.js'
import type { ReclaimResult } from '../store/queue-store.js'
import type { StagedJobOutcome } from '../store/stage-store.js'

/** A counter increment derived from a store operation's arguments and result. */
export interface MetricDelta {
  metric: CounterName
  value: number
  attributes: Record<string, string>
}

export type CounterName =
  | 'parts.settled'
  | 'items.settled'
  | 'queue.reclaims'
  | 'dispatch.failures'
  | 'store.errors'

type Extractor = (result: unknown, args: readonly unknown[]) => MetricDelta[]

const delta = (metric: CounterName, value: number, attributes: Record<string, string> = {}) =>
  value > 0 ? [{ metric, value, attributes }] : []

/**
 * What each store operation adds to the counters, keyed `<face>.<method>`. The store port is
 * the contract: when it changes, this table is the one place to follow it.
 */
export const STORE_RESULT_METRICS: Record<string, Extractor> = {
  'jobs.donePart': (result, args) => {
    const { removed } = result as DonePartResult
    const outcome = (args[2] as PartOutcome | undefined)?.kind ?? 'succeeded'
    return removed ? delta('parts.settled', 1, { face: 'jobs', outcome }) : []
  },
  'batches.reportBatch': (result) => {
    const counted = result as ReportBatchResult
    return (['processed', 'skipped', 'errored', 'missing'] as const).flatMap((outcome) =>
      delta('items.settled', counted[outcome], { outcome }),
    )
  },
  'queues.reclaimExpired': (result) => {
    const { requeued, failed } = result as ReclaimResult
    return [
      ...delta('queue.reclaims', requeued, { result: 'requeued' }),
      ...delta('queue.reclaims', failed, { result: 'failed' }),
    ]
  },
  'stages.finishStagedJob': (_result, args) => {
    const outcome = STAGED_OUTCOMES[args[2] as StagedJobOutcome]
    return outcome ? delta('parts.settled', 1, { face: 'stages', outcome }) : []
  },
}

/** A staged job is a part of its stage; pending_re_run leaves it open. */
const STAGED_OUTCOMES: Partial<Record<StagedJobOutcome, string>> = {
  successful: 'succeeded',
  failed: 'failed',
}
