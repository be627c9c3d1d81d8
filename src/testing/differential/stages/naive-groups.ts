import type {
  GroupDetails,
  GroupTable,
  GroupUnit,
  StagedJobUnit,
  StageUnit,
  StoredGroup,
} from '../../../domain/group-unit.js'
import type { CallbackSpec } from '../../../domain/outbox.js'

/*
 * The oracle's storage: a group's details as plain arrays searched from end to end, with no
 * index and no order kept but insertion. The domain rules over this are the model the stores
 * are compared with; the memory store runs the same rules over Maps with indexes.
 */
class NaiveGroupDetails implements GroupDetails {
  readonly unit: GroupUnit
  readonly callbacks = new Map<string, CallbackSpec[]>()
  readonly stages: StageUnit[] = []
  readonly jobs: StagedJobUnit[] = []
  readonly ops: { op: string; jobId: string }[] = []
  undispatchedJobs: { jobId: string; at: number }[] = []

  constructor(unit: GroupUnit) {
    this.unit = unit
  }

  stage(number: number): StageUnit | undefined {
    return this.stages.find((stage) => stage.number === number)
  }

  addStage(stage: StageUnit): void {
    this.stages.push(stage)
  }

  stageAfter(number: number | null): number | null {
    const above = this.stages.map((s) => s.number).filter((n) => number === null || n > number)
    return above.length === 0 ? null : Math.min(...above)
  }

  stageNumbers(): number[] {
    return this.stages.map((stage) => stage.number).sort((a, b) => a - b)
  }

  job(id: string): StagedJobUnit | undefined {
    return this.jobs.find((job) => job.id === id)
  }

  addJob(job: StagedJobUnit): void {
    this.jobs.push(job)
  }

  stageJobIds(stage: number): string[] {
    return this.jobs.filter((job) => job.stage === stage).map((job) => job.id)
  }

  jobOfOp(op: string): string | undefined {
    return this.ops.find((entry) => entry.op === op)?.jobId
  }

  rememberOp(op: string, jobId: string): void {
    this.ops.push({ op, jobId })
  }

  markUndispatched(jobId: string, at: number): void {
    this.confirmDispatched(jobId)
    this.undispatchedJobs.push({ jobId, at })
  }

  confirmDispatched(jobId: string): void {
    this.undispatchedJobs = this.undispatchedJobs.filter((entry) => entry.jobId !== jobId)
  }

  isUndispatched(jobId: string): boolean {
    return this.undispatchedJobs.some((entry) => entry.jobId === jobId)
  }

  undispatched(): [string, number][] {
    return this.undispatchedJobs.map((entry) => [entry.jobId, entry.at])
  }
}

export class NaiveGroupTable implements GroupTable {
  #groups: { id: string; stored: StoredGroup }[] = []

  get(id: string): StoredGroup | undefined {
    return this.#groups.find((entry) => entry.id === id)?.stored
  }

  create(unit: GroupUnit): StoredGroup {
    this.delete(unit.id)
    const stored: StoredGroup = {
      details: new NaiveGroupDetails(unit),
      summary: null,
      outbox: new Map(),
      outboxExpiresAt: null,
    }
    this.#groups.push({ id: unit.id, stored })
    return stored
  }

  dropDetails(id: string): void {
    const stored = this.get(id)
    if (stored) stored.details = null
  }

  delete(id: string): boolean {
    const before = this.#groups.length
    this.#groups = this.#groups.filter((entry) => entry.id !== id)
    return this.#groups.length < before
  }

  clear(): number {
    const size = this.#groups.length
    this.#groups = []
    return size
  }
}
