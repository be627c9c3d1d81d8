import type { OpId } from '../domain/op-id.js'
import type { GroupPolicy } from '../domain/policy.js'
import { InvalidArgumentError, JobledgerError } from '../errors/jobledger-error.js'
import type {
  AdvanceResult,
  FiredSignal,
  GroupSummary,
  StagedJobRecord,
} from '../store/stage-store.js'
import type { Store } from '../store/store.js'
import type { CallbackDispatch } from './callbacks.js'
import { DispatchConfirmations } from './dispatch-confirmations.js'
import type { LedgerCore } from './ledger-core.js'
import { publishSignals } from './signal-notices.js'
import { type Dispatch, toPayload } from './stage-payload.js'
import type { WriteOptions } from './write-runner.js'

export type { GroupSummary } from '../store/stage-store.js'

export const GROUP_COMPLETED = 'group.completed'

/**
 * Published (with `{ groupId, jobId, code, message }`) when work that follows a staged job's
 * recorded outcome fails: dispatching the next stage, or reporting the group's completion.
 * The job's outcome stands; jobs whose dispatch failed are re-dispatched by cleanupOrphans.
 */
export const STAGES_ERROR = 'stages.error'

/** Where a `stages.error` happened (jobId '' when no staged job's run was involved). */
export interface StagesErrorContext {
  groupId: string
  jobId: string
}

export interface StagesOptions {
  dispatch?: Dispatch
  onComplete?: (summary: GroupSummary) => unknown
  /** Called with what STAGES_ERROR reports, in the process that met it. */
  onError?: (error: unknown, context: StagesErrorContext) => unknown
}

/** Settings and wiring shared by the group, stage and staged-job facades of one ledger. */
export class StagesContext {
  readonly store: Store
  readonly #core: LedgerCore
  readonly #options: StagesOptions
  readonly #confirmations: DispatchConfirmations

  constructor(core: LedgerCore, options: StagesOptions) {
    this.#core = core
    this.store = core.store
    this.#options = options
    this.#confirmations = new DispatchConfirmations(
      (groupId, ids) =>
        this.write('confirmDispatch', undefined, (op) =>
          this.store.stages.confirmDispatch(groupId, ids, op),
        ),
      (error, groupId) => this.#reportError(error, { groupId, jobId: '' }),
    )
  }

  /** The policy groups this ledger creates get (`defaults.group`). */
  get policy(): GroupPolicy {
    return this.#core.defaults.group
  }

  /** The opId a write will use: the caller's (checked) or a new one. */
  opIdOf(options: WriteOptions | undefined): OpId {
    return this.#core.writes.opIdOf(options)
  }

  /** Runs one store write under `op`, for a call whose writes share one op. */
  writeUnder<T>(what: string, op: OpId, write: (op: OpId) => Promise<T>): Promise<T> {
    return this.#core.writes.run(what, op, write)
  }

  /** Runs one store write with its operation id (the caller's `opId`, or a new one). */
  write<T>(what: string, options: WriteOptions | undefined, write: (op: OpId) => Promise<T>) {
    const { writes } = this.#core
    return writes.run(what, writes.opIdOf(options), write)
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

  /** Confirmations waiting to ride along with this write to the group. */
  takeConfirmations(groupId: string): string[] {
    return this.#confirmations.take(groupId)
  }

  giveBackConfirmations(groupId: string, jobIds: readonly string[]): void {
    this.#confirmations.giveBack(groupId, jobIds)
  }

  /** Sends the confirmations still waiting (cleanupOrphans and close call it first). */
  flushConfirmations(): Promise<void> {
    return this.#confirmations.flush()
  }

  /** Dispatches what a write queued and reports a completed group; only that write's caller calls this. */
  async settle(groupId: string, result: AdvanceResult): Promise<void> {
    await this.settleSignals(groupId, result.fired)
    await this.dispatch(groupId, result.dispatch)
    if (result.completed) await this.#completed(result.completed)
  }

  /** Dispatches and confirms the callbacks the write's fired signals made due (never throws). */
  async settleSignals(groupId: string, fired: readonly FiredSignal[]): Promise<void> {
    const due = fired.filter((signal) => signal.due)
    await this.#core.callbacks.afterWrite('group', groupId, due)
    if (fired.length > 0) await publishSignals(this.store, 'group', groupId, fired)
  }

  /** Aborted when the ledger closes. */
  get closing(): AbortSignal {
    return this.#core.closing
  }

  /** The ledger's durable callbacks (registration marks the callback index). */
  get callbacks(): CallbackDispatch {
    return this.#core.callbacks
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
   * Hands queued jobs to the queue; their confirmations follow (see DispatchConfirmations). A
   * job whose dispatch fails (or whose process dies first) stays unconfirmed, and
   * cleaner.cleanupOrphans() dispatches it again.
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
    this.#confirmations.add(groupId, sent)
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
