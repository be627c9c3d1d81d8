import {
  groupComplete,
  groupNotFound,
  jobNotRunnable,
  stageComplete,
  stagedJobNotFound,
  stageNeedsDispatch,
  stageNotFound,
} from '../../domain/stage-errors.js'
import { JobledgerError } from '../../errors/jobledger-error.js'
import {
  type AdvanceResult,
  type EnqueueStagedJobResult,
  type GroupRecord,
  type GroupRef,
  type NewStagedJob,
  STAGED_JOB_STATUSES,
  type StagedJobOutcome,
  type StagedJobRecord,
  type StageRecord,
  type StageStore,
} from '../../store/stage-store.js'
import type { RedisArg, RedisDriver, ScriptDefinition } from './driver.js'
import type { RedisKeys } from './keys.js'
import { StageLists } from './redis-stage-lists.js'
import {
  readGroupRecord,
  readStagedJobs,
  readStageRecords,
  stagedJobsFromReply,
} from './redis-stage-reads.js'
import { strings } from './replies.js'
import { SCRIPTS } from './scripts.generated.js'

const NO_GROUP = -1
const STALE = -2
const MAX_ATTEMPTS = 50

/** Groups of stages in Redis: one script per write, all keys in the group's hash tag. */
export class RedisStageStore implements StageStore {
  readonly #driver: RedisDriver
  readonly #keys: RedisKeys
  readonly #now: () => number
  readonly #lists: StageLists

  constructor(driver: RedisDriver, keys: RedisKeys, now: () => number) {
    this.#driver = driver
    this.#keys = keys
    this.#now = now
    this.#lists = new StageLists(driver, keys)
  }

  async createGroup(ref: GroupRef, description: string): Promise<GroupRecord> {
    const reply = await this.#run(SCRIPTS.createGroup, ref, null, [description])
    return {
      id: ref.id,
      description,
      createdAt: Number(reply[1]),
      completedAt: null,
      counts: zero(),
    }
  }

  async addStage(ref: GroupRef, stage: number): Promise<void> {
    this.#check(ref, await this.#run(SCRIPTS.addStage, ref, stage, [stage]), stage)
  }

  async enqueueStagedJob(
    ref: GroupRef,
    stage: number,
    job: NewStagedJob,
    options: { refuseRunning?: boolean } = {},
  ): Promise<EnqueueStagedJobResult> {
    const refuse = options.refuseRunning === true ? '1' : ''
    const args = [stage, job.name, job.argsJson, job.delayMs ?? '', job.runAt ?? '', refuse]
    const reply = this.#check(
      ref,
      await this.#run(SCRIPTS.enqueueStagedJob, ref, stage, args),
      stage,
    )
    const [record] = stagedJobsFromReply(ref.id, reply, 2)
    if (!record) throw stagedJobNotFound(ref.id, String(reply[2]))
    return { job: record, dispatch: reply[1] === 1 }
  }

  async initiate(
    ref: GroupRef,
    stage: number | null,
    options: { seal?: boolean } = {},
  ): Promise<AdvanceResult> {
    const seal = options.seal === true ? '1' : ''
    const reply = await this.#run(SCRIPTS.initiateStage, ref, null, [stage ?? '', seal])
    return this.#advance(ref, this.#check(ref, reply, stage ?? -1))
  }

  async startStagedJob(ref: GroupRef, jobId: string): Promise<StagedJobRecord> {
    const reply = await this.#run(SCRIPTS.startStagedJob, ref, null, [jobId])
    const [record] = stagedJobsFromReply(ref.id, this.#check(ref, reply, -1, jobId), 1)
    if (!record) throw stagedJobNotFound(ref.id, jobId)
    return record
  }

  async finishStagedJob(
    ref: GroupRef,
    jobId: string,
    outcome: StagedJobOutcome,
  ): Promise<AdvanceResult> {
    const reply = await this.#run(SCRIPTS.finishStagedJob, ref, null, [jobId, outcome])
    return this.#advance(ref, this.#check(ref, reply, -1, jobId))
  }

  async setStatusMessage(ref: GroupRef, jobId: string, message: string): Promise<void> {
    const reply = await this.#run(SCRIPTS.setStagedJobMessage, ref, null, [jobId, message])
    this.#check(ref, reply, -1, jobId)
  }

  async confirmDispatch(ref: GroupRef, jobIds: readonly string[]): Promise<void> {
    if (jobIds.length > 0) await this.#run(SCRIPTS.confirmDispatch, ref, null, jobIds)
  }

  async deleteGroup(groupId: string): Promise<boolean> {
    const ref = { id: groupId, ttlMs: 1, keepCompletedMs: 0 }
    const deleted = (await this.#run(SCRIPTS.deleteGroup, ref, null, []))[0] === 1
    this.#lists.forget(groupId)
    return deleted
  }

  readGroup(groupId: string): Promise<GroupRecord | null> {
    return readGroupRecord(this.#driver, this.#keys, groupId)
  }

  readStages(groupId: string): Promise<StageRecord[]> {
    return readStageRecords(this.#driver, this.#keys, groupId)
  }

  async readStageJobs(groupId: string, stage: number): Promise<StagedJobRecord[]> {
    const list = this.#keys.stage(groupId, stage).list
    const ids = strings(await this.#driver.command('LRANGE', [list, 0, -1]))
    return readStagedJobs(this.#driver, this.#keys, groupId, ids.filter(isString))
  }

  async readStagedJob(groupId: string, jobId: string): Promise<StagedJobRecord | null> {
    return (await readStagedJobs(this.#driver, this.#keys, groupId, [jobId]))[0] ?? null
  }

  async undispatched(groupId: string, before: number): Promise<StagedJobRecord[]> {
    const key = this.#keys.group(groupId).undispatched
    const args = [key, '-inf', `(${before}`, 'BYSCORE']
    const ids = strings(await this.#driver.command('ZRANGE', args)).filter(isString)
    return readStagedJobs(this.#driver, this.#keys, groupId, ids)
  }

  /**
   * Runs a group script with the keys of every stored stage (plus `extra`, a stage about to be
   * created), as last known to this store; when the script finds a stage missing from that
   * list, reads the list again and retries.
   */
  async #run(
    script: ScriptDefinition,
    ref: GroupRef,
    extra: number | null,
    args: readonly RedisArg[],
  ): Promise<unknown[]> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stages = await this.#lists.get(ref.id, extra)
      const group = this.#keys.group(ref.id)
      const keys = [group.state, group.stages, group.jobs, group.undispatched]
      for (const n of stages) {
        const stage = this.#keys.stage(ref.id, n)
        keys.push(stage.state, stage.bits, stage.parts, stage.list)
      }
      const head = [ref.ttlMs, this.#now(), ref.keepCompletedMs, stages.length, ...stages]
      const reply = await this.#driver.runScript(script, keys, [...head, ...args])
      const values = Array.isArray(reply) ? (reply as unknown[]) : [reply]
      this.#note(ref.id, stages, extra, values[0])
      if (values[0] !== STALE) return values
    }
    throw new JobledgerError('CONFLICT', `Group ${ref.id} kept changing its stages; try again.`)
  }

  /** Keeps the list a script ran with when it holds stored stages only (see StageLists). */
  #note(groupId: string, stages: number[], extra: number | null, code: unknown): void {
    if (code === STALE || code === NO_GROUP) this.#lists.forget(groupId)
    else if (extra === null || code === 1) this.#lists.remember(groupId, stages)
  }

  async readSealed(groupId: string): Promise<boolean | null> {
    const state = this.#keys.group(groupId).state
    const reply = await this.#driver.command('HMGET', [state, 'createdAt', 'sealed'])
    const [createdAt, sealed] = strings(reply)
    if (createdAt === null || createdAt === undefined) return null
    return sealed === '1'
  }

  #check(ref: GroupRef, reply: unknown[], stage: number, jobId = ''): unknown[] {
    switch (reply[0]) {
      case -1:
        throw groupNotFound(ref.id)
      case -3:
        throw stagedJobNotFound(ref.id, jobId)
      case -4:
        throw groupComplete(ref.id)
      case -5:
        throw stageComplete(ref.id, stage)
      case -6:
        throw stageNotFound(ref.id, stage)
      case -7:
        throw jobNotRunnable(ref.id, jobId, String(reply[1]))
      case -8:
        throw stageNeedsDispatch(ref.id, stage)
      default:
        return reply
    }
  }

  #advance(ref: GroupRef, reply: unknown[]): AdvanceResult {
    const dispatch = stagedJobsFromReply(ref.id, reply, 11)
    if (reply[1] !== 1) return { dispatch, completed: null }
    this.#lists.forget(ref.id)
    const counts = zero()
    STAGED_JOB_STATUSES.forEach((status, i) => {
      counts[status] = Number(reply[5 + i])
    })
    return {
      dispatch,
      completed: {
        id: ref.id,
        description: String(reply[2]),
        createdAt: Number(reply[3]),
        completedAt: Number(reply[4]),
        counts,
      },
    }
  }
}

function zero(): Record<(typeof STAGED_JOB_STATUSES)[number], number> {
  return { pending: 0, queued: 0, running: 0, pending_re_run: 0, failed: 0, successful: 0 }
}

function isString(value: string | null): value is string {
  return value !== null
}
