import type {
  GroupRecord,
  StagedJobCounts,
  StagedJobRecord,
  StagedJobStatus,
  StageRecord,
  StageStatus,
} from '../../store/stage-store.js'
import { PartsUnit } from './parts-unit.js'

export interface MemoryStage {
  unit: PartsUnit
  /** Job ids in enqueue order. */
  jobs: string[]
}

function zeroCounts(): StagedJobCounts {
  return { pending: 0, queued: 0, running: 0, pending_re_run: 0, failed: 0, successful: 0 }
}

/** One group in memory: its stages (units whose parts are staged jobs) and its jobs. */
export class MemoryGroup {
  readonly id: string
  readonly description: string
  readonly createdAt: number
  completedAt: number | null = null
  sealed = false
  readonly counts = zeroCounts()
  readonly stages = new Map<number, MemoryStage>()
  readonly jobs = new Map<string, StagedJobRecord>()
  /** Queued job id -> when it was queued, until its dispatch is confirmed. */
  readonly undispatched = new Map<string, number>()
  #seq = 0

  constructor(id: string, description: string, now: number) {
    this.id = id
    this.description = description
    this.createdAt = now
  }

  nextJobId(): string {
    return String(this.#seq++)
  }

  stage(number: number, now: number): MemoryStage {
    const existing = this.stages.get(number)
    if (existing) return existing
    const created = { unit: new PartsUnit(now), jobs: [] }
    this.stages.set(number, created)
    return created
  }

  setStatus(job: StagedJobRecord, status: StagedJobStatus): void {
    this.counts[job.status]--
    this.counts[status]++
    job.status = status
  }

  record(): GroupRecord {
    return {
      id: this.id,
      description: this.description,
      createdAt: this.createdAt,
      completedAt: this.completedAt,
      counts: { ...this.counts },
    }
  }

  orderedStages(): [number, MemoryStage][] {
    return [...this.stages].sort(([a], [b]) => a - b)
  }
}

export function stageStatus(unit: PartsUnit): StageStatus {
  if (unit.record.finished) return 'complete'
  return unit.record.closed ? 'running' : 'pending'
}

export function stageRecord(number: number, stage: MemoryStage): StageRecord {
  const { record } = stage.unit
  return {
    number,
    status: stageStatus(stage.unit),
    numJobs: record.total,
    open: record.open,
    successful: record.succeeded,
    failed: record.failed,
  }
}

/** Closes a pending stage (now running) and queues its pending jobs; true when it was empty. */
function runStage(group: MemoryGroup, stage: MemoryStage, now: number, queued: string[]): boolean {
  for (const id of stage.jobs) {
    const job = group.jobs.get(id)!
    if (job.status !== 'pending') continue
    group.setStatus(job, 'queued')
    group.undispatched.set(id, now)
    queued.push(id)
  }
  return stage.unit.close(now)
}

/**
 * Initiates the first incomplete stage; an empty stage completes at once and the next
 * follows. Returns true when every stage is complete. A running stage stops the walk.
 */
export function advance(group: MemoryGroup, now: number, queued: string[]): boolean {
  for (const [, stage] of group.orderedStages()) {
    const status = stageStatus(stage.unit)
    if (status === 'running') return false
    if (status === 'pending' && !runStage(group, stage, now, queued)) return false
  }
  return true
}

/** Initiates one stage; when that completes it at once, the group advances. */
export function initiateStage(
  group: MemoryGroup,
  stage: MemoryStage,
  now: number,
  queued: string[],
): boolean {
  if (stageStatus(stage.unit) !== 'pending') return false
  if (!runStage(group, stage, now, queued)) return false
  return advance(group, now, queued)
}
