import { optionsOf } from '../domain/options.js'
import { validateStatusMessage } from '../domain/stage-input.js'
import type { StagedJobRecord, StagedJobStatus } from '../store/stage-store.js'
import type { Group } from './group.js'
import type { Stage } from './stage.js'
import type { StagesContext } from './stages-context.js'

export interface RunOptions {
  /** Called with the error when the job throws: true when the queue will retry it. */
  willRetry?: (error: unknown) => boolean | Promise<boolean>
}

/**
 * One job of a stage, as seen by the worker that runs it.
 *
 * @example
 * const staged = await ledger.stagedJob(bullJob.data)
 * await staged.run((file) => importFile(file), { willRetry: () => bullJob.attemptsMade + 1 < 3 })
 */
export class StagedJob {
  readonly id: string
  readonly name: string
  readonly args: unknown[]
  /** When the job was enqueued, in ms since the epoch. */
  readonly queueTime: number
  readonly stage: Stage
  readonly group: Group
  readonly #context: StagesContext

  constructor(context: StagesContext, record: StagedJobRecord, group: Group) {
    this.#context = context
    this.id = record.id
    this.name = record.name
    this.args = JSON.parse(record.argsJson) as unknown[]
    this.queueTime = record.queueTime
    this.group = group
    this.stage = group.stage(record.stage)
  }

  async status(): Promise<StagedJobStatus> {
    return (await this.#record()).status
  }

  async statusMessage(): Promise<string | null> {
    return (await this.#record()).statusMessage
  }

  async setStatusMessage(message: string): Promise<void> {
    const text = validateStatusMessage(message)
    await this.#context.store.stages.setStatusMessage(this.#ref(), this.id, text)
  }

  /**
   * Runs the job: running, then successful when `fn` resolves, or failed / pending_re_run
   * (when `willRetry(error)` is true; a willRetry that throws counts as false) when it throws;
   * the error of `fn` is rethrown for the queue. The caller that settles a stage's last job
   * initiates the next stage and dispatches it; an error there (or in onComplete) does not
   * change the job's outcome: it is reported as a `stages.error` event and to `onError`.
   */
  async run<T>(fn: (...args: unknown[]) => T | Promise<T>, options: RunOptions = {}): Promise<T> {
    const runOptions = optionsOf(options, 'run options')
    this.#context.requireDispatch('Running a staged job')
    await this.#context.store.stages.startStagedJob(this.#ref(), this.id)
    let value: T
    try {
      value = await fn(...this.args)
    } catch (error) {
      const retry = await willRetry(runOptions, error)
      await this.#finish(retry ? 'pending_re_run' : 'failed')
      throw error
    }
    await this.#finish('successful')
    return value
  }

  async #finish(outcome: 'successful' | 'failed' | 'pending_re_run'): Promise<void> {
    const result = await this.#context.store.stages.finishStagedJob(this.#ref(), this.id, outcome)
    await this.#context.settleAfterJob({ groupId: this.group.id, jobId: this.id }, result)
  }

  async #record(): Promise<StagedJobRecord> {
    return this.stage.job(this.id)
  }

  #ref() {
    return this.#context.ref(this.group.id)
  }
}

async function willRetry(options: RunOptions, error: unknown): Promise<boolean> {
  try {
    return (await options.willRetry?.(error)) === true
  } catch {
    return false
  }
}
