import type { StatusValues } from './status-record.js'
import type { StatusState } from './status-state.js'
import type { UnitRef } from './unit-ref.js'

/** The seed-compatible JSON of a status: state, progress and total when set, then the fields. */
export type StatusJson = { status: StatusState; progress?: number; total?: number } & Record<
  string,
  unknown
>

export type FieldValue =
  | null
  | boolean
  | number
  | string
  | FieldValue[]
  | { [key: string]: FieldValue }

/**
 * A status as read at one moment. `ratio` is progress/total clamped to 0..1 (progress above
 * total reads as 1, no total reads as 0) and is 1 once completed. JSON.stringify gives the
 * flat shape an HTTP handler returns: `{"status":"working","progress":50,"total":100,"step":"A"}`.
 *
 * @example
 * const snap = await ledger.getStatus(id)
 * if (snap?.isWorking) console.log(`${Math.round(snap.ratio * 100)}% (${snap.fields.step})`)
 */
export class StatusSnapshot {
  readonly id: string
  readonly status: StatusState
  /** 0 until progress is first written. */
  readonly progress: number
  /** null until a total is set. */
  readonly total: number | null
  readonly fields: Readonly<Record<string, FieldValue>>
  readonly queuedAt: Date | null
  readonly startedAt: Date | null
  readonly finishedAt: Date | null
  readonly createdAt: Date
  readonly updatedAt: Date
  /** Increases with every write of the status. */
  readonly rev: number
  /** The unit the status reports on (its `subject` option at creation); null if none. Not in toJSON. */
  readonly subject: UnitRef | null
  readonly #hasProgress: boolean

  constructor(id: string, record: StatusValues) {
    this.id = id
    this.status = record.state
    this.progress = record.progress ?? 0
    this.total = record.total
    this.fields = Object.freeze(
      Object.fromEntries(
        Object.entries(record.fields).map(([name, json]) => [name, JSON.parse(json) as FieldValue]),
      ),
    )
    this.queuedAt = toDate(record.queuedAt)
    this.startedAt = toDate(record.startedAt)
    this.finishedAt = toDate(record.finishedAt)
    this.createdAt = new Date(record.createdAt)
    this.updatedAt = new Date(record.updatedAt)
    this.rev = record.rev
    this.subject = record.subject ? Object.freeze({ ...record.subject }) : null
    this.#hasProgress = record.progress !== null
  }

  get ratio(): number {
    if (this.status === 'completed') return 1
    if (this.total === null || this.total <= 0) return 0
    return Math.min(1, Math.max(0, this.progress / this.total))
  }

  get isQueued(): boolean {
    return this.status === 'queued'
  }

  get isWorking(): boolean {
    return this.status === 'working'
  }

  get isCompleted(): boolean {
    return this.status === 'completed'
  }

  get isFailed(): boolean {
    return this.status === 'failed'
  }

  toJSON(): StatusJson {
    const json: StatusJson = { status: this.status }
    if (this.#hasProgress || this.total !== null) json.progress = this.progress
    if (this.total !== null) json.total = this.total
    return Object.assign(json, this.fields)
  }
}

function toDate(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms)
}
