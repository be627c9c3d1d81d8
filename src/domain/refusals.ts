import type { JobledgerError } from '../errors/jobledger-error.js'
import { batchItemsExpiredError, batchPartTakenError } from './batch-errors.js'
import { batchNotFoundError } from './batch-items.js'
import {
  callbacksFullError,
  jobNotFoundError,
  pushAfterCloseError,
  signalFiredError,
} from './job-errors.js'
import { invalidQueueTransition, leaseLost, queueItemNotFound } from './queue-errors.js'
import type { QueueState } from './queue-item.js'
import {
  callbackSignalPast,
  groupComplete,
  groupNotFound,
  groupStopped,
  jobNotRunnable,
  payloadMismatch,
  stageComplete,
  stagedJobNotFound,
  stageNeedsDispatch,
  stageNotFound,
  tooManyCallbacks,
} from './stage-errors.js'

/*
 * The one table of refusal codes. A domain transition that refuses a write returns one of
 * these codes before changing anything; the Lua scripts return the same numbers (the build
 * generates lua/include/refusals.lua from this table, as `REFUSED.<NAME>`), and one decoder,
 * `refusalError`, turns a code into the same JobledgerError for every store. Codes are
 * negative so that a script whose answer is one integer can return data as 0 and up.
 * Keep the `NAME: { code: -n, error: … }` shape: the build reads it. Ranges per face:
 * jobs and batches -1..-19, stages -20..-39, queue -40..-59, status -60..-79,
 * callbacks and signals -80..-99.
 */

/** What the store knew when its write was refused, plus data the refusal carried. */
export interface RefusalContext {
  /** The unit written: job token, group id, queue name or status id. */
  id: string
  part?: string
  index?: number
  stage?: number
  jobId?: string
  itemId?: string
  action?: string
  start?: number
  /** The scope and signal of a callback ('' is the unit itself, `batch:<n>` a batch). */
  scope?: string
  signal?: string
  /** Data the refusal carries (a state, a count), in the order the code's row documents. */
  data?: readonly unknown[]
}

type Row = { code: number; error: (context: RefusalContext) => JobledgerError }

export const REFUSALS = {
  // jobs and batches
  PUSH_AFTER_CLOSE: { code: -2, error: (c) => pushAfterCloseError(c.id) },
  BATCH_PART_TAKEN: { code: -3, error: (c) => batchPartTakenError(c.id, c.part ?? '') },
  BATCH_ITEMS_EXPIRED: { code: -4, error: (c) => batchItemsExpiredError(c.id, c.index ?? -1) },
  JOB_NOT_FOUND: { code: -5, error: (c) => jobNotFoundError(c.id, c.action ?? 'change') },
  BATCH_NOT_FOUND: { code: -6, error: (c) => batchNotFoundError(c.id, c.index ?? -1) },
  // stages
  GROUP_NOT_FOUND: { code: -20, error: (c) => groupNotFound(c.id) },
  GROUP_COMPLETE: { code: -21, error: (c) => groupComplete(c.id) },
  STAGE_NOT_FOUND: { code: -22, error: (c) => stageNotFound(c.id, c.stage ?? -1) },
  STAGE_COMPLETE: { code: -23, error: (c) => stageComplete(c.id, c.stage ?? -1) },
  STAGED_JOB_NOT_FOUND: { code: -24, error: (c) => stagedJobNotFound(c.id, c.jobId ?? '') },
  /** data: [the job's status] */
  JOB_NOT_RUNNABLE: {
    code: -25,
    error: (c) => jobNotRunnable(c.id, c.jobId ?? '', String(c.data?.[0] ?? 'unknown')),
  },
  STAGE_NEEDS_DISPATCH: { code: -26, error: (c) => stageNeedsDispatch(c.id, c.stage ?? -1) },
  GROUP_STOPPED: { code: -27, error: (c) => groupStopped(c.id) },
  /** data: [the stored job's name, its stage] */
  PAYLOAD_MISMATCH: {
    code: -28,
    error: (c) =>
      payloadMismatch(c.id, c.jobId ?? '', String(c.data?.[0] ?? ''), Number(c.data?.[1] ?? -1)),
  },
  /** data: [scope, signal] */
  STAGE_CALLBACK_PAST: {
    code: -29,
    error: (c) => callbackSignalPast(c.id, String(c.data?.[0] ?? ''), String(c.data?.[1] ?? '')),
  },
  /** data: [the most callbacks one signal takes] */
  STAGE_CALLBACKS_FULL: {
    code: -30,
    error: (c) => tooManyCallbacks(c.id, Number(c.data?.[0] ?? 0)),
  },
  // queue
  ITEM_NOT_FOUND: { code: -40, error: (c) => queueItemNotFound(c.id, c.itemId ?? '') },
  /** data: [the item's state] */
  INVALID_QUEUE_TRANSITION: {
    code: -41,
    error: (c) =>
      invalidQueueTransition(
        c.id,
        c.itemId ?? '',
        c.action ?? 'change',
        String(c.data?.[0]) as QueueState,
      ),
  },
  /** data: [the item's current start] */
  LEASE_LOST: {
    code: -42,
    error: (c) => leaseLost(c.id, c.itemId ?? '', c.start ?? 0, Number(c.data?.[0] ?? 0)),
  },
  // callbacks and signals
  SIGNAL_ALREADY_FIRED: {
    code: -80,
    error: (c) => signalFiredError(c.id, c.scope ?? '', c.signal ?? ''),
  },
  CALLBACKS_FULL: {
    code: -81,
    error: (c) => callbacksFullError(c.id, c.scope ?? '', c.signal ?? ''),
  },
} as const satisfies Record<string, Row>

export type RefusalName = keyof typeof REFUSALS

const BY_CODE = new Map<number, Row>(Object.values(REFUSALS).map((row) => [row.code, row]))

/** The code of a refusal, for domain transitions and tests. */
export function refusalCode(name: RefusalName): number {
  return REFUSALS[name].code
}

export function isRefusalCode(value: unknown): value is number {
  return typeof value === 'number' && BY_CODE.has(value)
}

/** The error a refusal code stands for; every store throws exactly this. */
export function refusalError(code: number, context: RefusalContext): JobledgerError | null {
  return BY_CODE.get(code)?.error(context) ?? null
}
