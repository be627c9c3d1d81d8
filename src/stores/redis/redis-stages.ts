import { type CheckedCallback, parseGroupScope } from '../../domain/callback-specs.js'
import type { GroupOutboxEntry } from '../../domain/group-callbacks.js'
import { groupRecordOf } from '../../domain/group-life.js'
import type { NewGroup } from '../../domain/group-writes.js'
import type { OpId } from '../../domain/op-id.js'
import { outboxField } from '../../domain/outbox.js'
import type { QueueItemRef } from '../../domain/queue-item.js'
import { isRefusalCode, type RefusalContext, refusalError } from '../../domain/refusals.js'
import type { Signal } from '../../domain/signals.js'
import type { ExpectedJob } from '../../domain/staged-job-writes.js'
import type {
  AdvanceResult,
  CancelGroupResult,
  CreateGroupResult,
  EnqueueStagedJobOptions,
  EnqueueStagedJobResult,
  GroupRecord,
  InitiateStageOptions,
  NewStagedJob,
  StagedJobError,
  StagedJobOutcome,
  StagedJobRecord,
  StageRecord,
  StageStore,
} from '../../store/stage-store.js'
import type { RedisArg, RedisDriver, ScriptDefinition } from './driver.js'
import type { RedisKeys } from './keys.js'
import { GroupReads } from './redis-stage-reads.js'
import {
  advanceResultOf,
  GROUP_RECORD_FIELDS,
  groupFactsOfValues,
  ReplyReader,
  unexpected,
} from './redis-stage-replies.js'
import type { ScriptClock } from './script-clock.js'
import { SCRIPTS } from './scripts.generated.js'

/** A nullable string as a script argument: '' for null, else '=' and the text. */
function nullable(text: string | null): string {
  return text === null ? '' : `=${text}`
}

/**
 * Groups of stages in Redis: every group has the same eight keys whatever its number of
 * stages (keys.ts, docs/ARCHITECTURE.md), and each write is one script over them.
 */
export class RedisStageStore implements StageStore {
  readonly #driver: RedisDriver
  readonly #keys: RedisKeys
  readonly #clock: ScriptClock
  readonly #reads: GroupReads

  constructor(driver: RedisDriver, keys: RedisKeys, clock: ScriptClock) {
    this.#driver = driver
    this.#keys = keys
    this.#clock = clock
    this.#reads = new GroupReads(driver, keys, () => clock.now())
  }

  async createGroup(group: NewGroup, op: OpId): Promise<CreateGroupResult> {
    const { ttlMs, keepCompletedMs, summaryTtlMs } = group.policy
    const args = [nullable(group.name), group.description, ttlMs, keepCompletedMs, summaryTtlMs]
    const reader = await this.#run(SCRIPTS.createGroup, group.id, op, args, { id: group.id })
    const created = reader.next() === 1
    const values = reader.decodedValues(GROUP_RECORD_FIELDS.length)
    return { created, group: groupRecordOf(groupFactsOfValues(group.id, values)) }
  }

  async addStage(groupId: string, stage: number, op: OpId): Promise<void> {
    await this.#run(SCRIPTS.addStage, groupId, op, [stage], { id: groupId, stage })
  }

  async enqueueStagedJob(
    groupId: string,
    stage: number,
    job: NewStagedJob,
    op: OpId,
    options: EnqueueStagedJobOptions = {},
  ): Promise<EnqueueStagedJobResult> {
    const refuse = options.refuseRunning === true ? '1' : ''
    const timing = [job.delayMs ?? '', job.runAt ?? '']
    const args = [stage, job.name, job.argsJson, ...timing, refuse, ...(options.confirm ?? [])]
    const reader = await this.#run(SCRIPTS.enqueueStagedJob, groupId, op, args, {
      id: groupId,
      stage,
    })
    const dispatch = reader.next() === 1
    return { dispatch, job: reader.job(groupId) }
  }

  async initiate(
    groupId: string,
    stage: number | null,
    op: OpId,
    options: InitiateStageOptions = {},
  ): Promise<AdvanceResult> {
    const seal = options.seal === true ? '1' : ''
    const args = [stage ?? '', seal, ...(options.ensure ?? [])]
    const context = { id: groupId, stage: stage ?? -1 }
    const reader = await this.#run(SCRIPTS.initiateStage, groupId, op, args, context)
    return advanceResultOf(groupId, reader)
  }

  async startStagedJob(
    groupId: string,
    jobId: string,
    op: OpId,
    expected: ExpectedJob | null,
    carrier: QueueItemRef | null = null,
  ): Promise<StagedJobRecord> {
    const check = expected ? ['1', expected.name, expected.stage] : ['', '', '']
    const carried = carrier ? JSON.stringify({ queue: carrier.queue, id: carrier.id }) : ''
    const args = [jobId, ...check, carried]
    const reader = await this.#run(SCRIPTS.startStagedJob, groupId, op, args, {
      id: groupId,
      jobId,
    })
    return reader.job(groupId)
  }

  async finishStagedJob(
    groupId: string,
    jobId: string,
    outcome: StagedJobOutcome,
    op: OpId,
    error: StagedJobError | null,
  ): Promise<AdvanceResult> {
    const errorJson = error === null ? '' : JSON.stringify(error)
    const args = [jobId, outcome, errorJson]
    const reader = await this.#run(SCRIPTS.finishStagedJob, groupId, op, args, {
      id: groupId,
      jobId,
    })
    return advanceResultOf(groupId, reader)
  }

  async setStatusMessage(groupId: string, jobId: string, message: string, op: OpId) {
    const context = { id: groupId, jobId }
    await this.#run(SCRIPTS.setStagedJobMessage, groupId, op, [jobId, message], context)
  }

  async confirmDispatch(groupId: string, jobIds: readonly string[], op: OpId): Promise<void> {
    if (jobIds.length > 0)
      await this.#run(SCRIPTS.confirmDispatch, groupId, op, jobIds, { id: groupId })
  }

  async cancelGroup(groupId: string, reason: string | null, op: OpId): Promise<CancelGroupResult> {
    const args = [nullable(reason)]
    const reader = await this.#run(SCRIPTS.cancelGroup, groupId, op, args, { id: groupId })
    const stopped = reader.next() === 1
    const cancelledJobs = reader.number()
    return { stopped, cancelledJobs, fired: reader.fired(reader.number()) }
  }

  async deleteGroup(groupId: string, op: OpId): Promise<boolean> {
    const keys = this.#keys.groupScriptKeys(groupId)
    const reply = await this.#driver.runScript(SCRIPTS.deleteGroup, keys, [this.#clock.arg(), op])
    return reply === 1
  }

  async registerCallbacks(
    groupId: string,
    scope: string,
    signal: Signal,
    callbacks: readonly CheckedCallback[],
    op: OpId,
  ): Promise<void> {
    const target = parseGroupScope(scope)
    const pairs = callbacks.flatMap((callback) => [callback.name, callback.json])
    const args = [target.scope, target.stage ?? '', signal, ...pairs]
    const context = { id: groupId, stage: target.stage ?? -1 }
    await this.#run(SCRIPTS.registerCallbacks, groupId, op, args, context)
  }

  readOutbox(groupId: string, before: number | null): Promise<GroupOutboxEntry[]> {
    return this.#reads.outbox(groupId, before)
  }

  async confirmOutbox(groupId: string, scope: string, signal: Signal, _op: OpId): Promise<void> {
    const field = outboxField(parseGroupScope(scope).scope, signal)
    await this.#driver.command('HDEL', [this.#keys.group(groupId).outbox, field])
  }

  readGroup(groupId: string): Promise<GroupRecord | null> {
    return this.#reads.group(groupId)
  }

  readStages(groupId: string): Promise<StageRecord[]> {
    return this.#reads.stages(groupId)
  }

  readStageJobs(groupId: string, stage: number): Promise<StagedJobRecord[]> {
    return this.#reads.stageJobs(groupId, stage)
  }

  readStagedJob(groupId: string, jobId: string): Promise<StagedJobRecord | null> {
    return this.#reads.stagedJob(groupId, jobId)
  }

  undispatched(groupId: string, before: number): Promise<StagedJobRecord[]> {
    return this.#reads.undispatched(groupId, before)
  }

  /**
   * Runs a group script over the group's keys with the clock and op arguments first; a
   * refusal (a known code first in the reply) becomes its error, else the reply is read on
   * after its leading 1.
   */
  async #run(
    script: ScriptDefinition,
    groupId: string,
    op: OpId,
    args: readonly RedisArg[],
    context: RefusalContext,
  ): Promise<ReplyReader> {
    const keys = this.#keys.groupScriptKeys(groupId)
    const reply = await this.#driver.runScript(script, keys, [this.#clock.arg(), op, ...args])
    if (!Array.isArray(reply) || reply.length === 0) throw unexpected(reply)
    const [code, ...data] = reply as unknown[]
    if (isRefusalCode(code)) throw refusalError(code, { ...context, data })!
    if (code !== 1) throw unexpected(reply)
    return new ReplyReader(reply as unknown[], 1)
  }
}
