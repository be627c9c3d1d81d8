import { optionsOf } from '../domain/options.js'
import { describeReason } from '../domain/reason.js'
import type { Signal } from '../domain/signals.js'
import { groupNotFound } from '../domain/stage-errors.js'
import { validateStageNumber } from '../domain/stage-input.js'
import type { CancelGroupResult, GroupRecord } from '../store/stage-store.js'
import { type CallbackInput, registerGroupCallbacks } from './callback-registration.js'
import { Stage } from './stage.js'
import type { StagesContext } from './stages-context.js'
import { type WaitUntilOptions, waitUntil } from './wait-until.js'
import type { WriteOptions } from './write-runner.js'

export interface CancelGroupOptions extends WriteOptions {
  /** Why, kept with the group (a string or an Error, at most 4 KB). */
  reason?: string | Error
}

/**
 * A group of numbered stages run in order, by id: what a staged job's worker holds. Reads go
 * to the store; `Group` (from withinGrouping or `ledger.group(id)`) adds what was read.
 */
export class GroupHandle {
  readonly id: string
  protected readonly context: StagesContext
  readonly #named = new Set<number>()

  constructor(context: StagesContext, id: string) {
    this.context = context
    this.id = id
  }

  /** The stage numbered `number` (a handle; stored by its first write). */
  stage(number: number): Stage {
    const valid = validateStageNumber(number)
    this.#named.add(valid)
    return new Stage(this.context, this.id, valid)
  }

  /** Stored stages in number order. */
  async stages(): Promise<Stage[]> {
    const records = await this.context.store.stages.readStages(this.id)
    return records.map((record) => new Stage(this.context, this.id, record.number))
  }

  /** The first stage that is pending or running; null when there is none. */
  async currentStage(): Promise<Stage | null> {
    const records = await this.context.store.stages.readStages(this.id)
    const current = records.find((r) => r.status === 'pending' || r.status === 'running')
    return current ? new Stage(this.context, this.id, current.number) : null
  }

  /**
   * Initiates the group's current stage (nothing when one is already running); stages named
   * through this handle but never enqueued into are stored first, in the same write.
   */
  async initiate(options?: WriteOptions): Promise<void> {
    return this.initiateWith(false, optionsOf(options, 'initiate options'))
  }

  protected async initiateWith(seal: boolean, options: WriteOptions): Promise<void> {
    this.context.requireDispatch('Initiating a group')
    const ensure = [...this.#named]
    const result = await this.context.write('initiate', options, (op) =>
      this.context.store.stages.initiate(this.id, null, op, { seal, ensure }),
    )
    await this.context.settle(this.id, result)
  }

  /**
   * Registers durable callbacks for one of the group's signals (`succeeded`, `settled`,
   * `failed`, `stopped`); they reach the ledger's `dispatch` at least once when it fires
   * (exactly once when nothing crashes). Refused with INVALID_TRANSITION once the signal fired
   * or can no longer fire.
   *
   * @example
   * await ledger.withinGrouping('nightly', async (g) => {
   *   await g.stage(1).enqueue('ImportFile', ['a.csv'])
   *   await g.on('settled', { name: 'nightly-report', args: [] })
   * })
   */
  async on(
    signal: Signal,
    callbacks: CallbackInput | readonly CallbackInput[],
    options?: WriteOptions,
  ): Promise<void> {
    await registerGroupCallbacks(this.context, this.id, '', signal, callbacks, options)
  }

  /**
   * Resolves with the group's record (compact once only its summary is left) once `signal`
   * has fired; see `job.waitUntil` for timeouts and aborts.
   *
   * @example
   * const record = await group.waitUntil('settled', { timeoutMs: 3_600_000 })
   */
  async waitUntil(signal: Signal, options?: WaitUntilOptions): Promise<GroupRecord> {
    const target = {
      kind: 'group' as const,
      id: this.id,
      scope: '',
      read: () => this.context.store.stages.readGroup(this.id),
      signalsOf: (record: GroupRecord) => record.signals,
    }
    return waitUntil(this.context, target, signal, options)
  }

  /**
   * The stored record: jobs per status, signal times, policy. Once only the group's compact
   * summary is left, that (`compact: true`); NOT_FOUND once that is gone too.
   */
  async record(): Promise<GroupRecord> {
    const record = await this.context.store.stages.readGroup(this.id)
    if (!record) throw groupNotFound(this.id)
    return record
  }

  /**
   * Cancels the group: its running stage stops (queued jobs are cancelled and a worker's run()
   * refuses them; jobs already running may still finish), its pending stages are skipped,
   * and the group's `stopped` signal fires. Idempotent: `stopped` is true for the call that
   * stopped it (and a repeat of it with its opId), false after (or for a complete group).
   *
   * @example
   * const { cancelledJobs } = await (await ledger.group(id)).cancel({ reason: 'bad input file' })
   */
  async cancel(options?: CancelGroupOptions): Promise<Omit<CancelGroupResult, 'fired'>> {
    const { reason, ...write } = optionsOf(options, 'cancel options')
    const text = reason === undefined ? null : describeReason(reason)
    const result = await this.context.write('cancel', write, (op) =>
      this.context.store.stages.cancelGroup(this.id, text, op),
    )
    await this.context.settleSignals(this.id, result.fired)
    return { stopped: result.stopped, cancelledJobs: result.cancelledJobs }
  }

  /** Deletes the group with its stages, jobs and summary; jobs already in a queue find nothing. */
  async delete(options?: WriteOptions): Promise<boolean> {
    const write = optionsOf(options, 'delete options')
    const deleted = await this.context.write('deleteGroup', write, (op) =>
      this.context.store.stages.deleteGroup(this.id, op),
    )
    await this.context.store.registry.remove('group', [this.id])
    return deleted
  }
}

/**
 * A group of numbered stages run in order. Made by `ledger.withinGrouping`, reopened by
 * `ledger.group(id)`. It keeps the policy it was created with (`defaults.group` of the
 * creating ledger): kept `ttlMs` after its last write until its last stage completes, then
 * `keepCompletedMs`; its compact summary `summaryTtlMs` longer.
 *
 * @example
 * const group = await ledger.group(id)
 * for (const stage of await group.stages()) console.log(stage.number, await stage.status())
 */
export class Group extends GroupHandle {
  readonly name: string | null
  readonly description: string
  readonly createdAt: number

  constructor(context: StagesContext, record: GroupRecord) {
    super(context, record.id)
    this.name = record.name
    this.description = record.description
    this.createdAt = record.createdAt
  }

  /**
   * @internal withinGrouping's end: initiates and, in the same write, seals the group (its
   * block has returned), so cleanupOrphans may repair it from then on.
   */
  async initiateSealed(options: WriteOptions = {}): Promise<void> {
    return this.initiateWith(true, options)
  }
}
