import type { PartOutcome } from '../../domain/job-results.js'

/** The counters of a PartsUnit (the stages' in-memory unit; jobs use domain/job-record.ts). */
export interface PartsUnitRecord {
  total: number
  open: number
  succeeded: number
  failed: number
  closed: boolean
  finished: boolean
  stopped: boolean
  stopReason: string | null
  createdAt: number
  finishedAt: number | null
}

/**
 * A unit with parts in memory, for the stages of a group. Holds the one rule for settling
 * parts: whoever settles the last open part of a closed unit finishes it.
 */
export class PartsUnit {
  readonly record: PartsUnitRecord
  readonly open = new Set<string>()
  readonly seen = new Set<string>()
  /** Every part ever pushed, in push order: a stable cursor for paging open parts. */
  readonly order: string[] = []
  readonly failures = new Map<string, string>()
  /** Failed parts in the order they failed: a stable cursor for paging failures. */
  readonly failedOrder: string[] = []

  constructor(now: number) {
    this.record = {
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
  }

  /** The parts among `parts` that were never pushed, without duplicates. */
  freshParts(parts: readonly string[]): string[] {
    return [...new Set(parts)].filter((part) => !this.seen.has(part))
  }

  /** Adds parts never seen before; returns how many were added. */
  push(parts: readonly string[]): number {
    const fresh = this.freshParts(parts)
    for (const part of fresh) {
      this.seen.add(part)
      this.order.push(part)
      this.open.add(part)
    }
    this.record.total += fresh.length
    this.record.open += fresh.length
    return fresh.length
  }

  /** Seals the unit; true when nothing was open, so this call finished it. */
  close(now: number): boolean {
    if (this.record.closed) return false
    this.record.closed = true
    return this.#finishIfComplete(now)
  }

  /** Settles an open part; `last` is true for the one call that finished the unit. */
  settle(part: string, outcome: PartOutcome, now: number): { removed: boolean; last: boolean } {
    if (!this.open.delete(part)) return { removed: false, last: false }
    this.record.open--
    if (outcome.kind === 'failed') {
      this.record.failed++
      this.failures.set(part, outcome.reason)
      this.failedOrder.push(part)
    } else {
      this.record.succeeded++
    }
    return { removed: true, last: this.#finishIfComplete(now) }
  }

  #finishIfComplete(now: number): boolean {
    const { record } = this
    if (record.finished || !record.closed || record.open > 0) return false
    record.finished = true
    record.finishedAt = now
    return true
  }
}
