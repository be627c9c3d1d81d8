import { type CheckedCallback, parseGroupScope } from '../../domain/callback-specs.js'
import { initiate } from '../../domain/group-advance.js'
import {
  confirmOutbox,
  type GroupOutboxEntry,
  readOutbox,
  registerCallbacks,
} from '../../domain/group-callbacks.js'
import {
  readGroup,
  readStagedJob,
  readStageJobs,
  readStages,
  readUndispatched,
} from '../../domain/group-reads.js'
import type { GroupTable } from '../../domain/group-unit.js'
import {
  addStage,
  cancelGroup,
  confirmDispatch,
  createGroup,
  deleteGroup,
  enqueueStagedJob,
  type NewGroup,
} from '../../domain/group-writes.js'
import type { OpId } from '../../domain/op-id.js'
import type { QueueItemRef } from '../../domain/queue-item.js'
import type { Signal } from '../../domain/signals.js'
import {
  type ExpectedJob,
  finishStagedJob,
  setStagedJobMessage,
  startStagedJob,
} from '../../domain/staged-job-writes.js'
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
import type { Clock } from './clock.js'
import { IndexedGroupTable } from './memory-group.js'

/**
 * Groups of stages in process memory: the domain rules over a table of groups. Every method
 * runs synchronously to completion, so each is atomic. The differential suite runs the same
 * rules over a naive table as its oracle.
 */
export class MemoryStageStore implements StageStore {
  readonly groups: GroupTable
  readonly #clock: Clock

  constructor(clock: Clock, table: GroupTable = new IndexedGroupTable()) {
    this.#clock = clock
    this.groups = table
  }

  async createGroup(group: NewGroup, op: OpId): Promise<CreateGroupResult> {
    return createGroup(this.groups, group, op, this.#now())
  }

  async addStage(groupId: string, stage: number, _op: OpId): Promise<void> {
    addStage(this.groups, groupId, stage, this.#now())
  }

  async enqueueStagedJob(
    groupId: string,
    stage: number,
    job: NewStagedJob,
    op: OpId,
    options: EnqueueStagedJobOptions = {},
  ): Promise<EnqueueStagedJobResult> {
    return enqueueStagedJob(this.groups, groupId, stage, job, op, this.#now(), options)
  }

  async initiate(
    groupId: string,
    stage: number | null,
    op: OpId,
    options: InitiateStageOptions = {},
  ): Promise<AdvanceResult> {
    return initiate(this.groups, groupId, stage, op, this.#now(), options)
  }

  async startStagedJob(
    groupId: string,
    jobId: string,
    op: OpId,
    expected: ExpectedJob | null,
    carrier: QueueItemRef | null = null,
  ): Promise<StagedJobRecord> {
    return startStagedJob(this.groups, groupId, jobId, op, this.#now(), expected, carrier)
  }

  async finishStagedJob(
    groupId: string,
    jobId: string,
    outcome: StagedJobOutcome,
    op: OpId,
    error: StagedJobError | null,
  ): Promise<AdvanceResult> {
    return finishStagedJob(this.groups, groupId, jobId, outcome, op, this.#now(), error)
  }

  async setStatusMessage(groupId: string, jobId: string, message: string, op: OpId) {
    setStagedJobMessage(this.groups, groupId, jobId, message, op, this.#now())
  }

  async confirmDispatch(groupId: string, jobIds: readonly string[], _op: OpId): Promise<void> {
    confirmDispatch(this.groups, groupId, jobIds, this.#now())
  }

  async cancelGroup(groupId: string, reason: string | null, op: OpId): Promise<CancelGroupResult> {
    return cancelGroup(this.groups, groupId, reason, op, this.#now())
  }

  async deleteGroup(groupId: string, _op: OpId): Promise<boolean> {
    return deleteGroup(this.groups, groupId, this.#now())
  }

  async registerCallbacks(
    groupId: string,
    scope: string,
    signal: Signal,
    callbacks: readonly CheckedCallback[],
    _op: OpId,
  ): Promise<void> {
    const target = parseGroupScope(scope)
    registerCallbacks(this.groups, groupId, target, signal, callbacks, this.#now())
  }

  async readOutbox(groupId: string, before: number | null): Promise<GroupOutboxEntry[]> {
    return readOutbox(this.groups, groupId, this.#now(), before)
  }

  async confirmOutbox(groupId: string, scope: string, signal: Signal, _op: OpId) {
    confirmOutbox(this.groups, groupId, parseGroupScope(scope).scope, signal, this.#now())
  }

  async readGroup(groupId: string): Promise<GroupRecord | null> {
    return readGroup(this.groups, groupId, this.#now())
  }

  async readStages(groupId: string): Promise<StageRecord[]> {
    return readStages(this.groups, groupId, this.#now())
  }

  async readStageJobs(groupId: string, stage: number): Promise<StagedJobRecord[]> {
    return readStageJobs(this.groups, groupId, stage, this.#now())
  }

  async readStagedJob(groupId: string, jobId: string): Promise<StagedJobRecord | null> {
    return readStagedJob(this.groups, groupId, jobId, this.#now())
  }

  async undispatched(groupId: string, before: number): Promise<StagedJobRecord[]> {
    return readUndispatched(this.groups, groupId, before, this.#now())
  }

  #now(): number {
    return this.#clock.now()
  }
}
