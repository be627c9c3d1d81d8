import {
  groupComplete,
  groupNotFound,
  jobNotRunnable,
  stageComplete,
  stagedJobNotFound,
  stageNeedsDispatch,
  stageNotFound,
} from '../../domain/stage-errors.js'
import type {
  AdvanceResult,
  EnqueueStagedJobResult,
  GroupRecord,
  GroupRef,
  NewStagedJob,
  StagedJobOutcome,
  StagedJobRecord,
  StageRecord,
  StageStore,
} from '../../store/stage-store.js'
import type { Clock } from './clock.js'
import { ExpiringMap } from './expiring-map.js'
import { advance, initiateStage, MemoryGroup, stageRecord, stageStatus } from './memory-group.js'

const RUNNABLE = new Set(['queued', 'running', 'pending_re_run'])

/** Groups of stages in process memory. Every method runs synchronously, so each is atomic. */
export class MemoryStageStore implements StageStore {
  readonly groups: ExpiringMap<MemoryGroup>
  readonly #clock: Clock

  constructor(clock: Clock) {
    this.#clock = clock
    this.groups = new ExpiringMap(clock)
  }

  async createGroup(ref: GroupRef, description: string): Promise<GroupRecord> {
    const group = this.groups.get(ref.id) ?? new MemoryGroup(ref.id, description, this.#clock.now())
    this.groups.set(ref.id, group, ref.ttlMs)
    return group.record()
  }

  async addStage(ref: GroupRef, stage: number): Promise<void> {
    const group = this.#writable(ref)
    group.stage(stage, this.#clock.now())
  }

  async enqueueStagedJob(
    ref: GroupRef,
    number: number,
    job: NewStagedJob,
    options: { refuseRunning?: boolean } = {},
  ): Promise<EnqueueStagedJobResult> {
    const group = this.#writable(ref)
    const existing = group.stages.get(number)
    const existingStatus = existing ? stageStatus(existing.unit) : 'pending'
    if (existingStatus === 'complete') throw stageComplete(ref.id, number)
    if (existingStatus === 'running' && options.refuseRunning === true) {
      throw stageNeedsDispatch(ref.id, number)
    }
    const now = this.#clock.now()
    const stage = group.stage(number, now)
    const id = group.nextJobId()
    const running = stageStatus(stage.unit) === 'running'
    const record: StagedJobRecord = {
      ...job,
      id,
      groupId: ref.id,
      stage: number,
      status: 'pending',
      statusMessage: null,
      queueTime: now,
    }
    group.jobs.set(id, record)
    group.counts.pending++
    stage.jobs.push(id)
    stage.unit.push([id])
    if (running) {
      group.setStatus(record, 'queued')
      group.undispatched.set(id, now)
    }
    return { job: { ...record }, dispatch: running }
  }

  async initiate(
    ref: GroupRef,
    number: number | null,
    options: { seal?: boolean } = {},
  ): Promise<AdvanceResult> {
    const group = this.#writable(ref)
    const now = this.#clock.now()
    const queued: string[] = []
    const stage = number === null ? null : group.stages.get(number)
    if (stage === undefined) throw stageNotFound(ref.id, number ?? -1)
    if (options.seal === true) group.sealed = true
    const done =
      stage === null ? advance(group, now, queued) : initiateStage(group, stage, now, queued)
    return this.#advanced(ref, group, queued, done)
  }

  async startStagedJob(ref: GroupRef, jobId: string): Promise<StagedJobRecord> {
    const { group, job } = this.#job(ref, jobId)
    if (!RUNNABLE.has(job.status)) throw jobNotRunnable(ref.id, jobId, job.status)
    group.setStatus(job, 'running')
    group.undispatched.delete(jobId)
    return { ...job }
  }

  async finishStagedJob(
    ref: GroupRef,
    jobId: string,
    outcome: StagedJobOutcome,
  ): Promise<AdvanceResult> {
    const { group, job } = this.#job(ref, jobId)
    if (job.status !== 'running') throw jobNotRunnable(ref.id, jobId, job.status)
    group.setStatus(job, outcome)
    const queued: string[] = []
    if (outcome === 'pending_re_run') return this.#advanced(ref, group, queued, false)
    const now = this.#clock.now()
    const stage = group.stages.get(job.stage)!
    const settled =
      outcome === 'successful'
        ? stage.unit.settle(jobId, { kind: 'succeeded' }, now)
        : stage.unit.settle(jobId, { kind: 'failed', reason: 'failed' }, now)
    const done = settled.last && advance(group, now, queued)
    return this.#advanced(ref, group, queued, done)
  }

  async setStatusMessage(ref: GroupRef, jobId: string, message: string): Promise<void> {
    const { job } = this.#job(ref, jobId)
    job.statusMessage = message
  }

  async confirmDispatch(ref: GroupRef, jobIds: readonly string[]): Promise<void> {
    const group = this.groups.get(ref.id)
    if (!group) return
    for (const id of jobIds) group.undispatched.delete(id)
    this.groups.touch(ref.id, group.completedAt === null ? ref.ttlMs : ref.keepCompletedMs)
  }

  async deleteGroup(groupId: string): Promise<boolean> {
    return this.groups.get(groupId) !== undefined && this.groups.delete(groupId)
  }

  async readGroup(groupId: string): Promise<GroupRecord | null> {
    return this.groups.get(groupId)?.record() ?? null
  }

  async readSealed(groupId: string): Promise<boolean | null> {
    return this.groups.get(groupId)?.sealed ?? null
  }

  async readStages(groupId: string): Promise<StageRecord[]> {
    const group = this.groups.get(groupId)
    return group ? group.orderedStages().map(([n, stage]) => stageRecord(n, stage)) : []
  }

  async readStageJobs(groupId: string, stage: number): Promise<StagedJobRecord[]> {
    const group = this.groups.get(groupId)
    const ids = group?.stages.get(stage)?.jobs ?? []
    return ids.map((id) => ({ ...group!.jobs.get(id)! }))
  }

  async readStagedJob(groupId: string, jobId: string): Promise<StagedJobRecord | null> {
    const job = this.groups.get(groupId)?.jobs.get(jobId)
    return job ? { ...job } : null
  }

  async undispatched(groupId: string, before: number): Promise<StagedJobRecord[]> {
    const group = this.groups.get(groupId)
    if (!group) return []
    return [...group.undispatched]
      .filter(([, at]) => at < before)
      .map(([id]) => ({ ...group.jobs.get(id)! }))
  }

  /** The group for a write: it must exist and not be complete; its TTL is refreshed. */
  #writable(ref: GroupRef): MemoryGroup {
    const group = this.groups.get(ref.id)
    if (!group) throw groupNotFound(ref.id)
    if (group.completedAt !== null) throw groupComplete(ref.id)
    this.groups.touch(ref.id, ref.ttlMs)
    return group
  }

  #job(ref: GroupRef, jobId: string): { group: MemoryGroup; job: StagedJobRecord } {
    const group = this.groups.get(ref.id)
    if (!group) throw groupNotFound(ref.id)
    const job = group.jobs.get(jobId)
    if (!job) throw stagedJobNotFound(ref.id, jobId)
    this.groups.touch(ref.id, group.completedAt === null ? ref.ttlMs : ref.keepCompletedMs)
    return { group, job }
  }

  #advanced(ref: GroupRef, group: MemoryGroup, queued: string[], done: boolean): AdvanceResult {
    const dispatch = queued.map((id) => ({ ...group.jobs.get(id)! }))
    if (!done) return { dispatch, completed: null }
    group.completedAt = this.#clock.now()
    if (ref.keepCompletedMs === 0) this.groups.delete(ref.id)
    else this.groups.touch(ref.id, ref.keepCompletedMs)
    return { dispatch, completed: group.record() }
  }
}
