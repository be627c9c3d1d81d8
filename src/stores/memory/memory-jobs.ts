import { pushAfterCloseError } from '../../domain/job-errors.js'
import type {
  CloseJobResult,
  DonePartResult,
  FailedPartsPage,
  JobRecord,
  JobStore,
  OpenPartsPage,
  PartOutcome,
  PushPartsResult,
} from '../../store/job-store.js'
import type { UnitRef } from '../../store/unit-ref.js'
import type { Clock } from './clock.js'
import { ExpiringMap } from './expiring-map.js'
import { PartsUnit } from './parts-unit.js'

/** Jobs in process memory. Every method runs synchronously, so each is atomic. */
export class MemoryJobStore implements JobStore {
  readonly units: ExpiringMap<PartsUnit>
  readonly #clock: Clock

  constructor(clock: Clock) {
    this.#clock = clock
    this.units = new ExpiringMap(clock)
  }

  async pushParts(
    unit: UnitRef,
    parts: readonly string[],
    close: boolean,
  ): Promise<PushPartsResult> {
    const { job, created } = this.#open(unit)
    if (job.record.closed && job.freshParts(parts).length > 0) throw pushAfterCloseError(unit.id)
    const added = job.push(parts)
    const lastOfClosedUnit = close && job.close(this.#clock.now())
    this.units.set(unit.id, job, unit.ttlMs)
    return { added, created, createdAt: created ? job.record.createdAt : null, lastOfClosedUnit }
  }

  async closeJob(unit: UnitRef): Promise<CloseJobResult> {
    const { job, created } = this.#open(unit)
    const closed = !job.record.closed
    const lastOfClosedUnit = job.close(this.#clock.now())
    this.units.set(unit.id, job, unit.ttlMs)
    return { closed, created, createdAt: created ? job.record.createdAt : null, lastOfClosedUnit }
  }

  async donePart(unit: UnitRef, part: string, outcome: PartOutcome): Promise<DonePartResult> {
    const job = this.units.get(unit.id)
    const { removed, last } = job?.settle(part, outcome, this.#clock.now()) ?? {
      removed: false,
      last: false,
    }
    if (removed) this.units.touch(unit.id, unit.ttlMs)
    return { removed, lastOfClosedUnit: last }
  }

  async stopJob(unit: UnitRef, reason: string | null): Promise<{ found: boolean }> {
    const job = this.units.get(unit.id)
    if (!job) return { found: false }
    job.record.stopped = true
    job.record.stopReason = reason
    this.units.touch(unit.id, unit.ttlMs)
    return { found: true }
  }

  async isOpenPart(id: string, part: string): Promise<boolean> {
    return this.units.get(id)?.open.has(part) ?? false
  }

  async readJob(id: string): Promise<JobRecord | null> {
    const job = this.units.get(id)
    return job ? { ...job.record } : null
  }

  async readJobs(ids: readonly string[]): Promise<(JobRecord | null)[]> {
    return Promise.all(ids.map((id) => this.readJob(id)))
  }

  async openParts(id: string, cursor: string | null, limit: number): Promise<OpenPartsPage> {
    const job = this.units.get(id)
    if (!job) return { parts: [], cursor: null }
    const parts: string[] = []
    let index = cursor === null ? 0 : Number(cursor)
    for (; index < job.order.length && parts.length < limit; index++) {
      const part = job.order[index]!
      if (job.open.has(part)) parts.push(part)
    }
    return { parts, cursor: index < job.order.length ? String(index) : null }
  }

  /** Failures in the order the parts failed; the cursor is a position in that order. */
  async failedParts(id: string, cursor: string | null, limit: number): Promise<FailedPartsPage> {
    const job = this.units.get(id)
    if (!job) return { failures: [], cursor: null }
    const start = cursor === null ? 0 : Number.parseInt(cursor, 10)
    const end = start + limit
    const failures = job.failedOrder
      .slice(start, end)
      .map((part) => ({ part, reason: job.failures.get(part) ?? '' }))
    return { failures, cursor: end < job.failedOrder.length ? String(end) : null }
  }

  async ttlMs(id: string): Promise<number | null> {
    return this.units.ttlMs(id)
  }

  #open(unit: UnitRef): { job: PartsUnit; created: boolean } {
    const existing = this.units.get(unit.id)
    return existing
      ? { job: existing, created: false }
      : { job: new PartsUnit(this.#clock.now()), created: true }
  }
}
