import type { OpId } from '../domain/op-id.js'
import { optionsOf } from '../domain/options.js'
import type { QueueItemRef } from '../domain/queue-item.js'
import { validateCarrier, validateStatusMessage } from '../domain/stage-input.js'
import { stagedJobErrorOf } from '../domain/staged-job-error.js'
import type {
  StagedJobError,
  StagedJobOutcome,
  StagedJobRecord,
  StagedJobStatus,
} from '../store/stage-store.js'
import { GroupHandle } from './group.js'
import type { Stage } from './stage.js'
import type { ParsedPayload } from './stage-payload.js'
import type { StagesContext } from './stages-context.js'
import type { WriteOptions } from './write-runner.js'

export interface RunOptions extends WriteOptions {
  /** Called with the error when the job throws: true when the queue will retry it. */
  willRetry?: (error: unknown) => boolean | Promise<boolean>
  /**
   * The tracked-queue item that carries this run (`{ queue, id }`; pass the StartedItem), kept
   * with the job as its `carrier` so the dashboard links the job and the item both ways.
   */
  carrier?: QueueItemRef
}

/**
 * One job of a stage, as seen by the worker that runs it: made from the payload alone (no
 * read), so a job costs its enqueue, its start and its finish — three writes.
 *
 * @example
 * const staged = await ledger.stagedJob(bullJob.data)
 * await staged.run((file) => importFile(file), { willRetry: () => bullJob.attemptsMade + 1 < 3 })
 */
export class StagedJob {
  readonly id: string
  readonly name: string
  readonly args: unknown[]
  /** When the job was enqueued, in ms since the epoch (null for a payload without it). */
  readonly queueTime: number | null
  readonly stage: Stage
  readonly group: GroupHandle
  readonly #context: StagesContext

  constructor(context: StagesContext, payload: ParsedPayload) {
    this.#context = context
    this.id = payload.jobId
    this.name = payload.name
    this.args = payload.args
    this.queueTime = payload.queuedAt
    this.group = new GroupHandle(context, payload.groupId)
    this.stage = this.group.stage(payload.stage)
  }

  async status(): Promise<StagedJobStatus> {
    return (await this.record()).status
  }

  async statusMessage(): Promise<string | null> {
    return (await this.record()).statusMessage
  }

  /** The stored job: status, message, attempts, start and finish times, its last error. */
  async record(): Promise<StagedJobRecord> {
    return this.stage.job(this.id)
  }

  async setStatusMessage(message: string, options?: WriteOptions): Promise<void> {
    const text = validateStatusMessage(message)
    const write = optionsOf(options, 'setStatusMessage options')
    await this.#context.write('setStatusMessage', write, (op) =>
      this.#context.store.stages.setStatusMessage(this.group.id, this.id, text, op),
    )
  }

  /**
   * Runs the job: running, then successful when `fn` resolves, or failed / pending_re_run
   * (when `willRetry(error)` is true; a willRetry that throws counts as false) when it throws;
   * the error (class, message, first lines of its stack) is recorded with the job and
   * rethrown for the queue. A settled or cancelled job is refused (INVALID_TRANSITION) before
   * `fn` runs. The caller that settles a stage's last job initiates the next stage and
   * dispatches it; an error there (or in onComplete) does not change the job's outcome: it
   * is reported as a `stages.error` event and to `onError`.
   *
   * The start and the finish carry one opId. After STORE_UNAVAILABLE, `run(fn, { opId })` with
   * the error's `details.opId` repeats that run: while its finish was not applied, the job
   * stays started by it (no attempt is added) and `fn` runs; once its finish was applied, `fn`
   * does not run again, the finish answers as it first did (the next stage is handed over if
   * it was not) and run resolves with undefined (the value is not kept) or rethrows the
   * recorded error.
   */
  run<T>(
    fn: (...args: unknown[]) => T | Promise<T>,
    options?: RunOptions & { opId?: undefined },
  ): Promise<T>
  run<T>(fn: (...args: unknown[]) => T | Promise<T>, options?: RunOptions): Promise<T | undefined>
  async run<T>(
    fn: (...args: unknown[]) => T | Promise<T>,
    options: RunOptions = {},
  ): Promise<T | undefined> {
    const runOptions = optionsOf(options, 'run options')
    const carrier = runOptions.carrier === undefined ? null : validateCarrier(runOptions.carrier)
    this.#context.requireDispatch('Running a staged job')
    const expected = { name: this.name, stage: this.stage.number }
    const op = this.#context.opIdOf(runOptions)
    const started = await this.#context.writeUnder('the start of staged.run()', op, (id) =>
      this.#context.store.stages.startStagedJob(this.group.id, this.id, id, expected, carrier),
    )
    if (started.status !== 'running') return this.#finishedBefore(started, op)
    let value: T
    try {
      value = await fn(...this.args)
    } catch (error) {
      const retry = await willRetry(runOptions, error)
      await this.#finish(retry ? 'pending_re_run' : 'failed', stagedJobErrorOf(error), op)
      throw error
    }
    await this.#finish('successful', null, op)
    return value
  }

  /** A repeated run whose finish was applied: its finish again, then its first outcome. */
  async #finishedBefore(record: StagedJobRecord, op: OpId): Promise<undefined> {
    const outcome = record.status as StagedJobOutcome
    await this.#finish(outcome, record.error, op)
    if (outcome === 'successful') return undefined
    throw errorOf(record.error)
  }

  async #finish(outcome: StagedJobOutcome, error: StagedJobError | null, op: OpId): Promise<void> {
    const result = await this.#context.writeUnder('the finish of staged.run()', op, (id) =>
      this.#context.store.stages.finishStagedJob(this.group.id, this.id, outcome, id, error),
    )
    await this.#context.settleAfterJob({ groupId: this.group.id, jobId: this.id }, result)
  }
}

/** The error a run recorded, rebuilt to be thrown again (class as its name, its stack). */
function errorOf(recorded: StagedJobError | null): Error {
  const error = new Error(recorded?.message ?? 'the staged job failed')
  error.name = recorded?.class ?? 'Error'
  if (recorded?.stack) error.stack = recorded.stack
  return error
}

async function willRetry(options: RunOptions, error: unknown): Promise<boolean> {
  try {
    return (await options.willRetry?.(error)) === true
  } catch {
    return false
  }
}
