import { batchPartTakenError } from '../../domain/batch-errors.js'
import { batchPart, PENDING_SET } from '../../domain/batch-items.js'
import { pushAfterCloseError } from '../../domain/job-errors.js'
import type {
  AddBatchResult,
  BatchCounts,
  BatchOutcomes,
  BatchStore,
  CompleteBatchResult,
  OutcomeEntry,
  OutcomeKind,
  OutcomePage,
  ReportBatchResult,
} from '../../store/batch-store.js'
import type { UnitRef } from '../../store/unit-ref.js'
import type { Clock } from './clock.js'
import type { MemoryJobStore } from './memory-jobs.js'
import { PartsUnit } from './parts-unit.js'

/** A job's batches in memory: item id -> set name per batch, counters and kept outcomes. */
class JobBatches {
  readonly batches: Map<string, string>[] = []
  readonly counts = { items: 0, processed: 0, skipped: 0, errored: 0, missing: 0, batchesDone: 0 }
  readonly outcomes: Record<OutcomeKind, OutcomeEntry[]> = { skipped: [], errored: [], missing: [] }
}

/**
 * Each job's batches, attached to the job's entry itself: they live, expire and are purged
 * with it, so a live job never loses its batches and a recreated job starts without any.
 */
class BatchesByJob {
  #byJob = new WeakMap<PartsUnit, JobBatches>()

  get(job: PartsUnit | undefined): JobBatches | undefined {
    return job && this.#byJob.get(job)
  }

  of(job: PartsUnit): JobBatches {
    const data = this.#byJob.get(job) ?? new JobBatches()
    this.#byJob.set(job, data)
    return data
  }

  /** Forgets every job's batches; they are counted with their jobs, so this returns 0. */
  clear(): number {
    this.#byJob = new WeakMap()
    return 0
  }
}

/**
 * Batches in process memory, beside the jobs they belong to. A batch's part is settled through
 * the job's PartsUnit, the one rule for settling parts. Every method runs synchronously.
 */
export class MemoryBatchStore implements BatchStore {
  readonly batches = new BatchesByJob()
  readonly #clock: Clock
  readonly #jobs: MemoryJobStore

  constructor(clock: Clock, jobs: MemoryJobStore) {
    this.#clock = clock
    this.#jobs = jobs
  }

  async addBatch(unit: UnitRef, items: readonly string[], close: boolean): Promise<AddBatchResult> {
    const existing = this.#jobs.units.get(unit.id)
    const job = existing ?? new PartsUnit(this.#clock.now())
    const data = this.batches.of(job)
    const index = data.batches.length
    if (job.record.closed) throw pushAfterCloseError(unit.id)
    if (job.seen.has(batchPart(index))) throw batchPartTakenError(unit.id, batchPart(index))
    job.push([batchPart(index)])
    data.batches.push(new Map(items.map((id) => [id, PENDING_SET])))
    data.counts.items += items.length
    const lastOfClosedUnit = close && job.close(this.#clock.now())
    this.#jobs.units.set(unit.id, job, unit.ttlMs)
    return { index, created: existing === undefined, lastOfClosedUnit }
  }

  async batchItems(token: string, index: number, set: string): Promise<string[] | null> {
    const batch = this.#batch(token, index)
    if (!batch) return null
    return [...batch].filter(([, name]) => name === set).map(([id]) => id)
  }

  async moveItems(
    unit: UnitRef,
    index: number,
    from: string,
    to: string,
    ids: readonly string[],
  ): Promise<number | null> {
    const batch = this.#batch(unit.id, index)
    if (!batch) return null
    let moved = 0
    for (const id of ids) {
      if (batch.get(id) !== from) continue
      batch.set(id, to)
      moved++
    }
    this.#touch(unit)
    return moved
  }

  async removeSet(unit: UnitRef, index: number, set: string): Promise<number | null> {
    const batch = this.#batch(unit.id, index)
    if (!batch) return null
    let removed = 0
    for (const [id, name] of batch) if (name === set && batch.delete(id)) removed++
    this.#touch(unit)
    return removed
  }

  async reportBatch(unit: UnitRef, outcomes: BatchOutcomes): Promise<ReportBatchResult> {
    const job = this.#jobs.units.get(unit.id)
    const data = this.batches.get(job)
    const batch = data?.batches[outcomes.index]
    if (!batch || !data || !job) return notFound()
    const take = (id: string) => batch.get(id) === PENDING_SET && batch.delete(id)
    const keep = (kind: OutcomeKind, id: string, message: string | null = null): boolean => {
      if (!take(id)) return false
      data.outcomes[kind].push({ batch: outcomes.index, id, message })
      return true
    }
    const counted = {
      processed: outcomes.processed.filter(take).length,
      skipped: outcomes.skipped.filter((id) => keep('skipped', id)).length,
      errored: outcomes.errored.filter(({ id, message }) => keep('errored', id, message)).length,
      missing: outcomes.missing.filter((id) => keep('missing', id)).length,
    }
    for (const kind of ['processed', 'skipped', 'errored', 'missing'] as const)
      data.counts[kind] += counted[kind]
    const remaining = [...batch.values()].filter((name) => name === PENDING_SET).length
    let settled = false
    let last = false
    if (outcomes.complete && remaining === 0) {
      batch.clear()
      ;({ removed: settled, last } = job.settle(
        batchPart(outcomes.index),
        { kind: 'succeeded' },
        this.#clock.now(),
      ))
      if (settled) data.counts.batchesDone++
    }
    this.#touch(unit)
    return { found: true, ...counted, remaining, settled, lastOfClosedUnit: last }
  }

  async completeBatch(unit: UnitRef, index: number): Promise<CompleteBatchResult> {
    const job = this.#jobs.units.get(unit.id)
    const batch = this.batches.get(job)?.batches[index]
    if (!job || !batch) return { found: false, settled: false, lastOfClosedUnit: false }
    batch.clear()
    const { removed, last } = job.settle(batchPart(index), { kind: 'succeeded' }, this.#clock.now())
    if (removed) this.batches.of(job).counts.batchesDone++
    this.#touch(unit)
    return { found: true, settled: removed, lastOfClosedUnit: last }
  }

  async readCounts(token: string): Promise<BatchCounts | null> {
    const job = this.#jobs.units.get(token)
    if (!job) return null
    const data = this.batches.get(job) ?? new JobBatches()
    const { finished, stopped } = job.record
    return { ...data.counts, batches: data.batches.length, finished, stopped }
  }

  async outcomes(
    token: string,
    kind: OutcomeKind,
    cursor: string | null,
    limit: number,
  ): Promise<OutcomePage> {
    const list = this.batches.get(this.#jobs.units.get(token))?.outcomes[kind] ?? []
    const start = cursor === null ? 0 : Number(cursor)
    const entries = list.slice(start, start + limit).map((entry) => ({ ...entry }))
    const next = start + entries.length
    return { entries, cursor: next < list.length ? String(next) : null }
  }

  #batch(token: string, index: number): Map<string, string> | undefined {
    return this.batches.get(this.#jobs.units.get(token))?.batches[index]
  }

  #touch(unit: UnitRef): void {
    this.#jobs.units.touch(unit.id, unit.ttlMs)
  }
}

function notFound(): ReportBatchResult {
  return {
    found: false,
    processed: 0,
    skipped: 0,
    errored: 0,
    missing: 0,
    remaining: 0,
    settled: false,
    lastOfClosedUnit: false,
  }
}
