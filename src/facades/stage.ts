import { stagedJobNotFound } from '../domain/stage-errors.js'
import {
  validateDelayMs,
  validateJobArgs,
  validateJobName,
  validateRunAt,
} from '../domain/stage-input.js'
import type {
  NewStagedJob,
  StagedJobRecord,
  StageRecord,
  StageStatus,
} from '../store/stage-store.js'
import type { StagesContext } from './stages-context.js'

/**
 * A numbered stage of a group. Its jobs run when it is initiated; the next stage starts when
 * every job here is successful or failed. A stage named but not yet written reads as an
 * empty pending stage; it is stored by its first enqueue, initiate, or the end of withinGrouping.
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
  async enqueue(name: string, args: unknown[] = []): Promise<StagedJobRecord> {
    return this.#enqueue({ ...validateJob(name, args), delayMs: null, runAt: null })
  }

  /** Like enqueue; the queue is told (delayMs / runAt) to run the job at `date`. */
  async enqueueAt(date: Date, name: string, args: unknown[] = []): Promise<StagedJobRecord> {
    const runAt = validateRunAt(date)
    return this.#enqueue({ ...validateJob(name, args), delayMs: null, runAt })
  }

  /** Like enqueue; the queue is told to wait `ms` after dispatch before running the job. */
  async enqueueIn(ms: number, name: string, args: unknown[] = []): Promise<StagedJobRecord> {
    const delayMs = validateDelayMs(ms)
    return this.#enqueue({ ...validateJob(name, args), delayMs, runAt: null })
  }

  /** Queues and dispatches this stage's jobs (creating the stage when missing). */
  async initiate(): Promise<void> {
    const ref = this.#context.ref(this.groupId)
    this.#context.requireDispatch('Initiating a stage')
    await this.#context.store.stages.addStage(ref, this.number)
    const result = await this.#context.store.stages.initiate(ref, this.number)
    await this.#context.settle(this.groupId, result)
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
    return (
      found ?? {
        number: this.number,
        status: 'pending',
        numJobs: 0,
        open: 0,
        successful: 0,
        failed: 0,
      }
    )
  }

  /** One job of this group by id (NOT_FOUND when unknown). */
  async job(id: string): Promise<StagedJobRecord> {
    const job = await this.#context.store.stages.readStagedJob(this.groupId, id)
    if (!job) throw stagedJobNotFound(this.groupId, id)
    return job
  }

  async #enqueue(job: NewStagedJob): Promise<StagedJobRecord> {
    const ref = this.#context.ref(this.groupId)
    // Without dispatch a job enqueued into a running stage could never reach a queue.
    const refuseRunning = !this.#context.canDispatch
    const stages = this.#context.store.stages
    const result = await stages.enqueueStagedJob(ref, this.number, job, { refuseRunning })
    if (result.dispatch) await this.#context.dispatch(this.groupId, [result.job])
    return result.job
  }
}

function validateJob(name: unknown, args: unknown): { name: string; argsJson: string } {
  return { name: validateJobName(name), argsJson: validateJobArgs(args) }
}
