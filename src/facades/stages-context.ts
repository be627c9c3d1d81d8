import { InvalidArgumentError, JobledgerError } from '../errors/jobledger-error.js'
import type { AdvanceResult, GroupRecord, GroupRef, StagedJobRecord } from '../store/stage-store.js'
import type { Store } from '../store/store.js'
import { type Dispatch, toPayload } from './stage-payload.js'

/** What a group's last stage completing reports, once, to `onComplete` and `group.completed`. */
export type GroupSummary = GroupRecord

export const GROUP_COMPLETED = 'group.completed'

/**
 * Published (with `{ groupId, jobId, code, message }`) when work that follows a staged job's
 * recorded outcome fails: dispatching the next stage, or reporting the group's completion.
 * The job's outcome stands; jobs whose dispatch failed are re-dispatched by cleanupOrphans.
 */
export const STAGES_ERROR = 'stages.error'

/** Where a `stages.error` happened. */
export interface StagesErrorContext {
  groupId: string
  jobId: string
}

export interface StagesOptions {
  dispatch?: Dispatch
  /** Keep a completed group this long before deleting it; default 0 (at once). */
  keepCompletedMs?: number
  /** Every write keeps a group alive this long; default 7 days. */
  groupTtlMs?: number
  onComplete?: (summary: GroupSummary) => unknown
  /** Called with what STAGES_ERROR reports, in the process that met it. */
  onError?: (error: unknown, context: StagesErrorContext) => unknown
}

/** Settings and wiring shared by the group, stage and staged-job facades of one ledger. */
export class StagesContext {
  readonly store: Store
  readonly #options: StagesOptions

  constructor(store: Store, options: StagesOptions) {
    this.store = store
    this.#options = options
  }

  ref(groupId: string): GroupRef {
    return {
      id: groupId,
      ttlMs: this.#options.groupTtlMs ?? 7 * 86_400_000,
      keepCompletedMs: this.#options.keepCompletedMs ?? 0,
    }
  }

  /** True when this ledger can hand jobs to a queue. */
  get canDispatch(): boolean {
    return typeof this.#options.dispatch === 'function'
  }

  /** Fails before any write when this ledger cannot hand jobs to a queue. */
  requireDispatch(what: string): Dispatch {
    const { dispatch } = this.#options
    if (typeof dispatch === 'function') return dispatch
    throw new InvalidArgumentError(
      `${what} needs a dispatch function: createLedger({ dispatch: (payload) => queue.add(payload.name, payload) }).`,
    )
  }

  /** Dispatches what a write queued and reports a completed group; only that write's caller calls this. */
  async settle(groupId: string, result: AdvanceResult): Promise<void> {
    await this.dispatch(groupId, result.dispatch)
    if (result.completed) await this.#completed(result.completed)
  }

  /**
   * Like settle, after a job's outcome is recorded: its errors are reported on STAGES_ERROR and
   * to onError, never thrown, so the job that finished is not failed (nor retried) for them.
   */
  async settleAfterJob(context: StagesErrorContext, result: AdvanceResult): Promise<void> {
    try {
      await this.settle(context.groupId, result)
    } catch (error) {
      await this.#reportError(error, context)
    }
  }

  async #reportError(error: unknown, context: StagesErrorContext): Promise<void> {
    const code = error instanceof JobledgerError ? error.code : 'INTERNAL'
    const message = error instanceof Error ? error.message : String(error)
    const payload = { ...context, code, message }
    await this.store.events.publish(STAGES_ERROR, payload).catch(() => {})
    try {
      await this.#options.onError?.(error, context)
    } catch {
      // An error handler that fails has nobody left to tell.
    }
  }

  /**
   * Hands queued jobs to the queue, then confirms them. A job whose dispatch fails (or whose
   * process dies first) stays unconfirmed; cleaner.cleanupOrphans() dispatches it again.
   */
  async dispatch(groupId: string, jobs: readonly StagedJobRecord[]): Promise<void> {
    if (jobs.length === 0) return
    const dispatch = this.requireDispatch('Dispatching staged jobs')
    const now = this.store.now()
    const sent: string[] = []
    const failures: unknown[] = []
    for (const job of jobs) {
      try {
        await dispatch(toPayload(job, now))
        sent.push(job.id)
      } catch (error) {
        failures.push(error)
      }
    }
    if (sent.length > 0) await this.store.stages.confirmDispatch(this.ref(groupId), sent)
    if (failures.length > 0) {
      throw new JobledgerError(
        'INTERNAL',
        `dispatch failed for ${failures.length} staged job(s) of group ${groupId}; they stay queued and ledger.cleaner.cleanupOrphans() dispatches them again.`,
        { cause: failures[0], details: { groupId, failed: failures.length } },
      )
    }
  }

  async #completed(summary: GroupSummary): Promise<void> {
    await this.store.events.publish(GROUP_COMPLETED, { ...summary })
    await this.#options.onComplete?.(summary)
  }
}
