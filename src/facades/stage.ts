import { optionsOf } from '../domain/options.js'
import { noSignals, type Signal } from '../domain/signals.js'
import { stagedJobNotFound } from '../domain/stage-errors.js'
import {
  validateDelayMs,
  validateJobArgs,
  validateJobName,
  validateRunAt,
} from '../domain/stage-input.js'
import {
  type NewStagedJob,
  type StagedJobRecord,
  type StageRecord,
  type StageStatus,
  stageScope,
} from '../store/stage-store.js'
import { type CallbackInput, registerGroupCallbacks } from './callback-registration.js'
import type { StagesContext } from './stages-context.js'
import { type WaitUntilOptions, waitUntil } from './wait-until.js'
import type { WriteOptions } from './write-runner.js'

/**
 * A numbered stage of a group. Its jobs run when it is initiated; the next stage starts when
 * every job here is successful or failed. A stage named but not yet written reads as an
 * empty pending stage; it is stored by its first enqueue, initiate, or the end of withinGrouping.
 * Each enqueue takes `{ opId }`: repeated with the opId of a call whose answer was lost, it
 * answers the same job and enqueues nothing.
 *
 * @example
 * await group.stage(2).enqueue('Summarize', ['2024-01'])
 * await group.stage(3).enqueueIn(60_000, 'Notify', [])
 */
export class Stage {
  readonly number: number
  readonly groupId: string
  readonly #context: StagesContext

  constructor(context: StagesContext, groupId: string, number: number) {
    this.#context = context
    this.groupId = groupId
    this.number = number
  }

  /** Adds a job; dispatched at once when the stage is running, else when it is initiated. */
  async enqueue(
    name: string,
    args: unknown[] = [],
    options?: WriteOptions,
  ): Promise<StagedJobRecord> {
    const job = { ...validateJob(name, args), delayMs: null, runAt: null }
    return this.#enqueue(job, optionsOf(options, 'enqueue options'))
  }

  /** Like enqueue; the queue is told (delayMs / runAt) to run the job at `date`. */
  async enqueueAt(
    date: Date,
    name: string,
    args: unknown[] = [],
    options?: WriteOptions,
  ): Promise<StagedJobRecord> {
    const runAt = validateRunAt(date)
    const job = { ...validateJob(name, args), delayMs: null, runAt }
    return this.#enqueue(job, optionsOf(options, 'enqueue options'))
  }

  /** Like enqueue; the queue is told to wait `ms` after dispatch before running the job. */
  async enqueueIn(
    ms: number,
    name: string,
    args: unknown[] = [],
    options?: WriteOptions,
  ): Promise<StagedJobRecord> {
    const delayMs = validateDelayMs(ms)
    const job = { ...validateJob(name, args), delayMs, runAt: null }
    return this.#enqueue(job, optionsOf(options, 'enqueue options'))
  }

  /** Queues and dispatches this stage's jobs (creating the stage when missing). */
  async initiate(options?: WriteOptions): Promise<void> {
    const write = optionsOf(options, 'initiate options')
    this.#context.requireDispatch('Initiating a stage')
    const result = await this.#context.write('initiate', write, (op) =>
      this.#context.store.stages.initiate(this.groupId, this.number, op, { ensure: [this.number] }),
    )
    await this.#context.settle(this.groupId, result)
  }

  /**
   * Registers durable callbacks for one of the stage's signals (scope `stage:<n>` of its
   * group; see `group.on`). A stage not yet stored is stored (pending) first.
   *
   * @example
   * await g.stage(1).on('failed', { name: 'page-oncall', args: ['import'] })
   */
  async on(
    signal: Signal,
    callbacks: CallbackInput | readonly CallbackInput[],
    options?: WriteOptions,
  ): Promise<void> {
    const context = this.#context
    const scope = stageScope(this.number)
    await registerGroupCallbacks(context, this.groupId, scope, signal, callbacks, options, () =>
      context.write('addStage', undefined, (op) =>
        context.store.stages.addStage(this.groupId, this.number, op),
      ),
    )
  }

  /**
   * Resolves with the stage's record once `signal` has fired (see `job.waitUntil`). When the
   * group's details are dropped as it completes (keepCompletedMs 0), the record read back
   * holds only the signal's time.
   */
  async waitUntil(signal: Signal, options?: WaitUntilOptions): Promise<StageRecord> {
    const target = {
      kind: 'stage' as const,
      id: this.groupId,
      scope: stageScope(this.number),
      read: () => this.#storedRecord(),
      signalsOf: (record: StageRecord) => record.signals,
      gone: (event: { signal: Signal; at: number }) => {
        const record = emptyStage(this.number)
        record.signals[event.signal] = event.at
        return record
      },
    }
    return waitUntil(this.#context, target, signal, options)
  }

  async #storedRecord(): Promise<StageRecord | null> {
    const stages = await this.#context.store.stages.readStages(this.groupId)
    const stored = stages.find((stage) => stage.number === this.number)
    if (stored) return stored
    return this.#fromCompactGroup()
  }

  /**
   * Once a completed group dropped its details, its stages are over with it: the stage reads
   * as an empty record carrying the group's signal times (a wait whose notice came before it
   * listened still ends).
   */
  async #fromCompactGroup(): Promise<StageRecord | null> {
    const group = await this.#context.store.stages.readGroup(this.groupId)
    if (group === null || group.compact !== true) return null
    const record = emptyStage(this.number)
    Object.assign(record.signals, group.signals)
    return record
  }

  async status(): Promise<StageStatus> {
    return (await this.record()).status
  }

  async numJobs(): Promise<number> {
    return (await this.record()).numJobs
  }

  /** The stage's jobs in enqueue order. */
  async jobs(): Promise<StagedJobRecord[]> {
    return this.#context.store.stages.readStageJobs(this.groupId, this.number)
  }

  async record(): Promise<StageRecord> {
    const stages = await this.#context.store.stages.readStages(this.groupId)
    const found = stages.find((stage) => stage.number === this.number)
    return found ?? emptyStage(this.number)
  }

  /** One job of this group by id (NOT_FOUND when unknown). */
  async job(id: string): Promise<StagedJobRecord> {
    const job = await this.#context.store.stages.readStagedJob(this.groupId, id)
    if (!job) throw stagedJobNotFound(this.groupId, id)
    return job
  }

  async #enqueue(job: NewStagedJob, options: WriteOptions): Promise<StagedJobRecord> {
    // Without dispatch a job enqueued into a running stage could never reach a queue.
    const refuseRunning = !this.#context.canDispatch
    const confirm = this.#context.takeConfirmations(this.groupId)
    const stages = this.#context.store.stages
    let result: Awaited<ReturnType<typeof stages.enqueueStagedJob>>
    try {
      result = await this.#context.write('enqueue', options, (op) =>
        stages.enqueueStagedJob(this.groupId, this.number, job, op, { refuseRunning, confirm }),
      )
    } catch (error) {
      this.#context.giveBackConfirmations(this.groupId, confirm)
      throw error
    }
    if (result.dispatch) await this.#context.dispatch(this.groupId, [result.job])
    return result.job
  }
}

function validateJob(name: unknown, args: unknown): { name: string; argsJson: string } {
  return { name: validateJobName(name), argsJson: validateJobArgs(args) }
}

function emptyStage(number: number): StageRecord {
  return {
    number,
    status: 'pending',
    numJobs: 0,
    open: 0,
    successful: 0,
    failed: 0,
    stopped: false,
    startedAt: null,
    signals: noSignals(),
  }
}
