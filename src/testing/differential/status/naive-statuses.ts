import type { ManualClock } from '../../../domain/clock.js'
import type { StatusRecord, StatusUnit } from '../../../domain/status-record.js'
import { toStatusRecord } from '../../../domain/status-record.js'
import { liveStatus, setStatusTtl, writeStatus } from '../../../domain/status-writes.js'
import type {
  StatusPatch,
  StatusRef,
  StatusStore,
  WriteStatusResult,
} from '../../../store/status-store.js'

/*
 * The oracle's statuses: the rules of domain/status-writes.ts over a plain array searched end
 * to end, expired entries left in place (the rules ignore them).
 */
export class NaiveStatusStore implements StatusStore {
  readonly #units: { id: string; unit: StatusUnit }[] = []
  readonly #clock: ManualClock

  constructor(clock: ManualClock) {
    this.#clock = clock
  }

  async writeStatus(
    ref: StatusRef,
    patch: StatusPatch,
    maxFieldBytes: number,
    op: string,
  ): Promise<WriteStatusResult> {
    const now = this.#clock.now()
    const write = writeStatus(this.#live(ref.id), patch, {
      op,
      now,
      creation: ref.creation,
      subject: ref.subject ?? null,
      maxFieldBytes,
    })
    if (write.unit) this.#put(ref.id, write.unit)
    return write.answer
  }

  async setTtl(id: string, ttlMs: number, _op: string): Promise<boolean> {
    const unit = this.#live(id)
    if (!unit) return false
    this.#put(id, setStatusTtl(unit, ttlMs, this.#clock.now()))
    return true
  }

  async readStatus(id: string): Promise<StatusRecord | null> {
    const unit = this.#live(id)
    return unit ? toStatusRecord(unit) : null
  }

  async readStatuses(ids: readonly string[]): Promise<(StatusRecord | null)[]> {
    return Promise.all(ids.map((id) => this.readStatus(id)))
  }

  async ttlMs(id: string): Promise<number | null> {
    const unit = this.#live(id)
    return unit ? unit.expiresAt - this.#clock.now() : null
  }

  #live(id: string): StatusUnit | null {
    return liveStatus(this.#units.find((entry) => entry.id === id)?.unit, this.#clock.now())
  }

  #put(id: string, unit: StatusUnit): void {
    const entry = this.#units.find((e) => e.id === id)
    if (entry) entry.unit = unit
    else this.#units.push({ id, unit })
  }
}
