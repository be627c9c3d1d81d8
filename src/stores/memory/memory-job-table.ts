import type { CompactJobSummary } from '../../domain/job-compact.js'
import { compactSummaryOf, firesCompactSummary } from '../../domain/job-compact.js'
import type { JobData, JobDataFactory } from '../../domain/job-data.js'
import { liveJob } from '../../domain/job-record.js'
import type { FiredSignal } from '../../domain/job-results.js'
import {
  creatingWrite,
  existingWrite,
  finishWrite,
  type JobWrite,
} from '../../domain/job-writes.js'
import type { OpId } from '../../domain/op-id.js'
import type { OutboxEntry } from '../../domain/outbox.js'
import type { JobRef } from '../../store/job-store.js'
import type { Clock } from './clock.js'
import { ExpiringMap } from './expiring-map.js'

/**
 * What outlives a job's details by its summary ttl: the compact summary, the outbox and the op
 * that confirmed each of its callbacks (domain/job-callbacks.ts confirmCallback).
 */
export interface Afterlife {
  summary: CompactJobSummary | null
  outbox: Map<string, OutboxEntry>
  confirmedBy: Map<string, OpId>
}

/**
 * The jobs of a store in process memory: each job's data until its deadline, and its
 * afterlife until the deadline plus its summary ttl. Writes run the domain rules on them
 * (domain/job-writes.ts, batch-writes.ts) and are kept only when they succeed.
 */
export class JobTable {
  readonly #clock: Clock
  readonly #factory: JobDataFactory
  readonly #details: ExpiringMap<JobData>
  readonly #afterlife: ExpiringMap<Afterlife>

  constructor(clock: Clock, factory: JobDataFactory) {
    this.#clock = clock
    this.#factory = factory
    this.#details = new ExpiringMap(clock)
    this.#afterlife = new ExpiringMap(clock)
  }

  now(): number {
    return this.#clock.now()
  }

  /** The job's data, or null when it does not exist or its deadline passed. */
  live(id: string): JobData | null {
    return liveJob(this.#details.get(id)?.record, this.now()) ? this.#details.get(id)! : null
  }

  afterlife(id: string): Afterlife | null {
    return this.#afterlife.get(id) ?? null
  }

  /** A write that creates the job when it does not exist. */
  creating(ref: JobRef, op: OpId): JobWrite {
    const live = this.live(ref.id)
    const outbox = live ? this.#outboxOf(ref.id) : new Map<string, OutboxEntry>()
    return creatingWrite(ref.id, live, outbox, this.#factory, ref.creation, this.now(), op)
  }

  /** A write on an existing job; null when there is none. */
  existing(id: string, op: OpId): JobWrite | null {
    const live = this.live(id)
    return existingWrite(id, live, this.#outboxOf(id), this.#factory, this.now(), op)
  }

  /**
   * Keeps a write that changed the job (or created it): moves the deadline as the rule says
   * (`forceDeadline` sets it), makes the fired callbacks due, and stores the compact summary
   * when the write settled or stopped the job. Returns the signals whose callbacks became due.
   */
  commit(write: JobWrite, changed: boolean, forceDeadline: number | null = null): FiredSignal[] {
    if (!changed && !write.isNew) return []
    const due = finishWrite(write, forceDeadline)
    const { record } = write.data
    this.#details.setUntil(write.id, write.data, record.expiresAt)
    const after: Afterlife = (!write.isNew && this.#afterlife.get(write.id)) || {
      summary: null,
      outbox: write.outbox,
      confirmedBy: new Map(),
    }
    if (firesCompactSummary(write)) after.summary = compactSummaryOf(write.id, record)
    this.#afterlife.setUntil(write.id, after, record.expiresAt + record.policy.summaryTtlMs)
    return due
  }

  /** Forgets every job; returns how many there were. */
  clear(): number {
    this.#afterlife.clear()
    return this.#details.clear()
  }

  #outboxOf(id: string): Map<string, OutboxEntry> {
    return this.#afterlife.get(id)?.outbox ?? new Map()
  }
}
