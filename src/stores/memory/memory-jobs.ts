import { pushAfterCloseError } from '../../domain/job-errors.js'
import type {
  CloseJobResult,
  DonePartResult,
  JobRecord,
  JobStore,
  OpenPartsPage,
  PartFailure,
  PartOutcome,
  PushPartsResult,
} from '../../store/job-store.js'
import type { UnitRef } from '../../store/unit-ref.js'
import type { Clock } from './clock.js'
import { ExpiringMap } from './expiring-map.js'

interface MemoryJob {
  record: JobRecord
  open: Set<string>
  seen: Set<string>
  /** Every part ever pushed, in push order: a stable cursor for openParts. */
  order: string[]
  failures: Map<string, string>
}

function newJob(now: number): MemoryJob {
  const record: JobRecord = {
    total: 0,
    open: 0,
    succeeded: 0,
    failed: 0,
    closed: false,
    finished: false,
    stopped: false,
    stopReason: null,
    createdAt: now,
    finishedAt: null,
  }
  return { record, open: new Set(), seen: new Set(), order: [], failures: new Map() }
}

/** Jobs in process memory. Every method runs synchronously, so each is atomic. */
export class MemoryJobStore implements JobStore {
  readonly #jobs: ExpiringMap<MemoryJob>
  readonly #clock: Clock

  constructor(clock: Clock) {
    this.#clock = clock
    this.#jobs = new ExpiringMap(clock)
  }

  async pushParts(
    unit: UnitRef,
    parts: readonly string[],
    close: boolean,
  ): Promise<PushPartsResult> {
    const { job, created } = this.#open(unit)
    const fresh = [...new Set(parts)].filter((part) => !job.seen.has(part))
    if (job.record.closed && fresh.length > 0) throw pushAfterCloseError(unit.id)
    for (const part of fresh) {
      job.seen.add(part)
      job.order.push(part)
      job.open.add(part)
    }
    const added = fresh.length
    job.record.total += added
    job.record.open += added
    const lastOfClosedUnit = close && this.#close(job)
    this.#jobs.set(unit.id, job, unit.ttlMs)
    return { added, created, lastOfClosedUnit }
  }

  async closeJob(unit: UnitRef): Promise<CloseJobResult> {
    const { job, created } = this.#open(unit)
    const closed = !job.record.closed
    const lastOfClosedUnit = this.#close(job)
    this.#jobs.set(unit.id, job, unit.ttlMs)
    return { closed, created, lastOfClosedUnit }
  }

  async donePart(unit: UnitRef, part: string, outcome: PartOutcome): Promise<DonePartResult> {
    const job = this.#jobs.get(unit.id)
    if (!job?.open.delete(part)) return { removed: false, lastOfClosedUnit: false }
    const { record } = job
    record.open--
    if (outcome.kind === 'failed') {
      record.failed++
      job.failures.set(part, outcome.reason)
    } else {
      record.succeeded++
    }
    const lastOfClosedUnit = this.#finishIfComplete(job)
    this.#jobs.set(unit.id, job, unit.ttlMs)
    return { removed: true, lastOfClosedUnit }
  }

  async stopJob(unit: UnitRef, reason: string | null): Promise<{ found: boolean }> {
    const job = this.#jobs.get(unit.id)
    if (!job) return { found: false }
    job.record.stopped = true
    job.record.stopReason = reason
    this.#jobs.set(unit.id, job, unit.ttlMs)
    return { found: true }
  }

  async isOpenPart(id: string, part: string): Promise<boolean> {
    return this.#jobs.get(id)?.open.has(part) ?? false
  }

  async readJob(id: string): Promise<JobRecord | null> {
    const job = this.#jobs.get(id)
    return job ? { ...job.record } : null
  }

  async readJobs(ids: readonly string[]): Promise<(JobRecord | null)[]> {
    return Promise.all(ids.map((id) => this.readJob(id)))
  }

  async openParts(id: string, cursor: string | null, limit: number): Promise<OpenPartsPage> {
    const job = this.#jobs.get(id)
    if (!job) return { parts: [], cursor: null }
    const parts: string[] = []
    let index = cursor === null ? 0 : Number(cursor)
    for (; index < job.order.length && parts.length < limit; index++) {
      const part = job.order[index]!
      if (job.open.has(part)) parts.push(part)
    }
    return { parts, cursor: index < job.order.length ? String(index) : null }
  }

  async failedParts(id: string): Promise<PartFailure[]> {
    const failures = this.#jobs.get(id)?.failures ?? new Map<string, string>()
    return [...failures].map(([part, reason]) => ({ part, reason }))
  }

  async ttlMs(id: string): Promise<number | null> {
    return this.#jobs.ttlMs(id)
  }

  #open(unit: UnitRef): { job: MemoryJob; created: boolean } {
    const existing = this.#jobs.get(unit.id)
    return existing
      ? { job: existing, created: false }
      : { job: newJob(this.#clock.now()), created: true }
  }

  #close(job: MemoryJob): boolean {
    job.record.closed = true
    return this.#finishIfComplete(job)
  }

  #finishIfComplete(job: MemoryJob): boolean {
    const { record } = job
    if (record.finished || !record.closed || record.open > 0) return false
    record.finished = true
    record.finishedAt = this.#clock.now()
    return true
  }
}
