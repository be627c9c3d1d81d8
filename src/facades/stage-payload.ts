import { describe, validateId } from '../domain/ids.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type { StagedJobRecord } from '../store/stage-store.js'
import type { CallbackPayload } from './callback-payload.js'

/**
 * What `dispatch` receives for each staged job: plain JSON, to put on any queue as-is and
 * hand back to `ledger.stagedJob(payload)` in the worker.
 */
export interface StagedJobPayload {
  /** Never set: a callback's payload has `type: 'callback'` (see isCallbackPayload). */
  type?: undefined
  name: string
  args: unknown[]
  stagedJobId: string
  groupId: string
  stage: number
  /** When the job was enqueued, in ms since the epoch (what `staged.queueTime` reads). */
  queuedAt?: number
  /** Set for enqueueIn / enqueueAt: how long the queue should wait before running the job. */
  delayMs?: number
  /** Set for enqueueIn / enqueueAt: when the job should run, in ms since the epoch. */
  runAt?: number
}

/** What the ledger hands to `dispatch`: a staged job, or a durable callback whose signal fired. */
export type DispatchPayload = StagedJobPayload | CallbackPayload

/**
 * Hands one staged job or callback to the user's queue. Callback payloads (`type: 'callback'`)
 * arrive only once callbacks are registered, so a dispatch written for staged jobs alone
 * (`(p: StagedJobPayload) => …`) still type-checks (the parameter is checked bivariantly).
 */
export type Dispatch = {
  dispatch(payload: DispatchPayload): unknown | Promise<unknown>
}['dispatch']

export function toPayload(job: StagedJobRecord, now: number): StagedJobPayload {
  const payload: StagedJobPayload = {
    name: job.name,
    args: JSON.parse(job.argsJson) as unknown[],
    stagedJobId: job.id,
    groupId: job.groupId,
    stage: job.stage,
    queuedAt: job.queueTime,
  }
  if (job.delayMs !== null) {
    payload.delayMs = job.delayMs
    payload.runAt = now + job.delayMs
  } else if (job.runAt !== null) {
    payload.delayMs = Math.max(0, job.runAt - now)
    payload.runAt = job.runAt
  }
  return payload
}

const JOB_ID = /^(0|[1-9][0-9]{0,15})$/

function notFromDispatch(reason: string): InvalidArgumentError {
  return new InvalidArgumentError(
    `This payload was not produced by dispatch (${reason}); pass the object dispatch received, unchanged.`,
  )
}

/** A payload handed back by a worker, checked for shape (the store checks it names its job). */
export interface ParsedPayload {
  groupId: string
  jobId: string
  stage: number
  name: string
  args: unknown[]
  queuedAt: number | null
}

/** Checks the shape of a payload handed back by a worker. */
export function parsePayload(payload: unknown): ParsedPayload {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw notFromDispatch(`got ${describe(payload)}`)
  }
  const p = payload as Record<string, unknown>
  if (typeof p.stagedJobId !== 'string' || !JOB_ID.test(p.stagedJobId)) {
    throw notFromDispatch('stagedJobId is missing or malformed')
  }
  if (typeof p.groupId !== 'string') throw notFromDispatch('groupId is missing')
  if (typeof p.stage !== 'number' || !Number.isSafeInteger(p.stage) || p.stage < 0) {
    throw notFromDispatch('stage is missing or not a non-negative integer')
  }
  if (typeof p.name !== 'string' || !Array.isArray(p.args)) {
    throw notFromDispatch('name or args are missing')
  }
  if (p.queuedAt !== undefined && !Number.isSafeInteger(p.queuedAt)) {
    throw notFromDispatch('queuedAt is not a time in ms')
  }
  return {
    groupId: validateId(p.groupId, 'groupId'),
    jobId: p.stagedJobId,
    stage: p.stage,
    name: p.name,
    args: p.args,
    queuedAt: typeof p.queuedAt === 'number' ? p.queuedAt : null,
  }
}
