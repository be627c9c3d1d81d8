import { groupNotFound } from '../domain/stage-errors.js'
import { validateStageNumber } from '../domain/stage-input.js'
import type { GroupRecord } from '../store/stage-store.js'
import { Stage } from './stage.js'
import type { StagesContext } from './stages-context.js'

/**
 * A group of numbered stages run in order. Made by `ledger.withinGrouping`, reopened by
 * `ledger.group(id)`. Kept until its last stage completes (then after keepCompletedMs).
 *
 * @example
 * const group = await ledger.group(id)
 * for (const stage of await group.stages()) console.log(stage.number, await stage.status())
 */
export class Group {
  readonly id: string
  readonly description: string
  readonly createdAt: number
  readonly #context: StagesContext
  readonly #named = new Set<number>()

  constructor(context: StagesContext, record: GroupRecord) {
    this.#context = context
    this.id = record.id
    this.description = record.description
    this.createdAt = record.createdAt
  }

  /** The stage numbered `number` (a handle; stored by its first write). */
  stage(number: number): Stage {
    const valid = validateStageNumber(number)
    this.#named.add(valid)
    return new Stage(this.#context, this.id, valid)
  }

  /** Stored stages in number order. */
  async stages(): Promise<Stage[]> {
    const records = await this.#context.store.stages.readStages(this.id)
    return records.map((record) => new Stage(this.#context, this.id, record.number))
  }

  /** The first stage that is not complete; null when every stage is. */
  async currentStage(): Promise<Stage | null> {
    const records = await this.#context.store.stages.readStages(this.id)
    const current = records.find((record) => record.status !== 'complete')
    return current ? new Stage(this.#context, this.id, current.number) : null
  }

  /** Initiates the first stage that is not complete (nothing when one is already running). */
  async initiate(): Promise<void> {
    return this.#initiate(false)
  }

  /**
   * @internal withinGrouping's end: initiates and, in the same write, seals the group (its
   * block has returned), so cleanupOrphans may repair it from then on.
   */
  async initiateSealed(): Promise<void> {
    return this.#initiate(true)
  }

  async #initiate(seal: boolean): Promise<void> {
    this.#context.requireDispatch('Initiating a group')
    const ref = this.#context.ref(this.id)
    for (const number of this.#named) await this.#context.store.stages.addStage(ref, number)
    const result = await this.#context.store.stages.initiate(ref, null, { seal })
    await this.#context.settle(this.id, result)
  }

  /** The stored record with counts of jobs per status; NOT_FOUND once deleted. */
  async record(): Promise<GroupRecord> {
    const record = await this.#context.store.stages.readGroup(this.id)
    if (!record) throw groupNotFound(this.id)
    return record
  }

  /** Deletes the group with its stages and jobs; jobs already in a queue find nothing. */
  async delete(): Promise<boolean> {
    const deleted = await this.#context.store.stages.deleteGroup(this.id)
    await this.#context.store.registry.remove('group', [this.id])
    return deleted
  }
}
