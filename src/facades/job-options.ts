import { describe, validateId } from '../domain/ids.js'
import type { JobCreation } from '../domain/job-record.js'
import { optionsOf } from '../domain/options.js'
import { type JobPolicy, secondsAliasToMs, validateDurationMs } from '../domain/policy.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type { JobRef } from '../store/job-store.js'
import type { CreationCallbacks } from './callback-registration.js'

/** The most characters a job's name may have. */
export const MAX_JOB_NAME = 256
/** The most characters a job's description may have. */
export const MAX_JOB_DESCRIPTION = 1_024

/**
 * What a job is created with. These apply only when a write creates the job; an existing job
 * keeps the policy it was created with (change its ttl with `job.setTtl(ms)`), so a worker's
 * handle with other options (or none) never changes it.
 */
export interface JobOptions {
  /** The job lives at least this long after its last write, in ms. Default `defaults.job.ttlMs` (one day). */
  ttlMs?: number
  /** How long the compact summary outlives the job's details, in ms. Default 30 days. */
  summaryTtlMs?: number
  /** A short name shown in lists and summaries (at most 256 characters). */
  name?: string
  /** What the job does (at most 1,024 characters). */
  description?: string
  /** Seconds; the legacy alias of `ttlMs` (fractions allowed). Give one of the two. */
  ttl?: number
  /**
   * Durable callbacks per signal, registered by this handle's first write (before it), so
   * they are stored with the job when that write creates it: `{ settled: { name, args } }`.
   * Needs the ledger's `dispatch`; see `job.on`.
   */
  callbacks?: CreationCallbacks
}

/** Options of handles that never create a job (batches, trackers). */
export interface JobHandleOptions {
  /**
   * Ignored: a batch or tracker writes to an existing job, which keeps the policy it was
   * created with. Still checked (seconds), so old code that passes it keeps working.
   * @deprecated give the ttl when the job is created: `ledger.job(token, { ttlMs })`.
   */
  ttl?: number
}

/** The creation a job handle carries: its options over the ledger's defaults, all checked. */
export function jobCreationOf(options: JobOptions | undefined, defaults: JobPolicy): JobCreation {
  const given = optionsOf(options, 'job options')
  if (given.ttl !== undefined && given.ttlMs !== undefined)
    throw new InvalidArgumentError('Give ttlMs (ms) or ttl (seconds, legacy), not both.')
  const ttlMs =
    given.ttlMs !== undefined
      ? validateDurationMs(given.ttlMs, 'ttlMs')
      : given.ttl !== undefined
        ? secondsAliasToMs(given.ttl, 'ttl', 'ttlMs')
        : defaults.ttlMs
  const summaryTtlMs =
    given.summaryTtlMs === undefined
      ? defaults.summaryTtlMs
      : validateDurationMs(given.summaryTtlMs, 'summaryTtlMs', 0)
  return {
    policy: { ttlMs, summaryTtlMs },
    name: validateText(given.name, 'name', MAX_JOB_NAME),
    description: validateText(given.description, 'description', MAX_JOB_DESCRIPTION),
  }
}

/** A handle on a job that never creates it: its creation is the ledger's defaults. */
export function existingJobRef(token: unknown, defaults: JobPolicy): JobRef {
  return { id: validateId(token, 'job token'), creation: jobCreationOf({}, defaults) }
}

/** Checks the ignored ttl of a batch or tracker handle, as before. */
export function checkHandleTtl(options: JobHandleOptions | undefined, what: string): void {
  const { ttl } = optionsOf(options, what)
  if (ttl !== undefined) secondsAliasToMs(ttl, 'ttl', 'ttlMs on ledger.job()')
}

const LONE_SURROGATE = /\p{Surrogate}/u

function validateText(value: unknown, what: string, max: number): string | null {
  if (value === undefined || value === null || value === '') return null
  if (typeof value === 'string' && value.length <= max && !LONE_SURROGATE.test(value)) return value
  throw new InvalidArgumentError(
    `${what} must be a string of at most ${max} characters (well-formed UTF-16), got ${describe(value)}.`,
    { details: { what } },
  )
}
