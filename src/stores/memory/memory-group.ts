import type {
  GroupDetails,
  GroupTable,
  GroupUnit,
  StagedJobUnit,
  StageUnit,
  StoredGroup,
} from '../../domain/group-unit.js'
import type { CallbackSpec } from '../../domain/outbox.js'

/** The index of the first number in `sorted` above `n`. */
function firstAbove(sorted: readonly number[], n: number): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (sorted[mid]! <= n) low = mid + 1
    else high = mid
  }
  return low
}

/** A group's details in Maps, with its stage numbers kept sorted and its jobs per stage. */
export class IndexedGroupDetails implements GroupDetails {
  readonly unit: GroupUnit
  readonly callbacks = new Map<string, CallbackSpec[]>()
  readonly #stages = new Map<number, StageUnit>()
  readonly #numbers: number[] = []
  readonly #jobs = new Map<string, StagedJobUnit>()
  readonly #byStage = new Map<number, string[]>()
  readonly #ops = new Map<string, string>()
  readonly #undispatched = new Map<string, number>()

  constructor(unit: GroupUnit) {
    this.unit = unit
  }

  stage(number: number): StageUnit | undefined {
    return this.#stages.get(number)
  }

  addStage(stage: StageUnit): void {
    this.#stages.set(stage.number, stage)
    this.#numbers.splice(firstAbove(this.#numbers, stage.number), 0, stage.number)
  }

  stageAfter(number: number | null): number | null {
    const at = number === null ? 0 : firstAbove(this.#numbers, number)
    return this.#numbers[at] ?? null
  }

  stageNumbers(): number[] {
    return [...this.#numbers]
  }

  job(id: string): StagedJobUnit | undefined {
    return this.#jobs.get(id)
  }

  addJob(job: StagedJobUnit): void {
    this.#jobs.set(job.id, job)
    const list = this.#byStage.get(job.stage)
    if (list) list.push(job.id)
    else this.#byStage.set(job.stage, [job.id])
  }

  stageJobIds(stage: number): string[] {
    return [...(this.#byStage.get(stage) ?? [])]
  }

  jobOfOp(op: string): string | undefined {
    return this.#ops.get(op)
  }

  rememberOp(op: string, jobId: string): void {
    this.#ops.set(op, jobId)
  }

  markUndispatched(jobId: string, at: number): void {
    this.#undispatched.set(jobId, at)
  }

  confirmDispatched(jobId: string): void {
    this.#undispatched.delete(jobId)
  }

  isUndispatched(jobId: string): boolean {
    return this.#undispatched.has(jobId)
  }

  undispatched(): [string, number][] {
    return [...this.#undispatched]
  }
}

/** Groups by id, each with its details (Maps with indexes), summary and outbox. */
export class IndexedGroupTable implements GroupTable {
  readonly #groups = new Map<string, StoredGroup>()

  get(id: string): StoredGroup | undefined {
    return this.#groups.get(id)
  }

  create(unit: GroupUnit): StoredGroup {
    const stored: StoredGroup = {
      details: new IndexedGroupDetails(unit),
      summary: null,
      outbox: new Map(),
      outboxExpiresAt: null,
    }
    this.#groups.set(unit.id, stored)
    return stored
  }

  dropDetails(id: string): void {
    const stored = this.#groups.get(id)
    if (stored) stored.details = null
  }

  delete(id: string): boolean {
    return this.#groups.delete(id)
  }

  /** Removes every group; returns how many there were. */
  clear(): number {
    const size = this.#groups.size
    this.#groups.clear()
    return size
  }
}
