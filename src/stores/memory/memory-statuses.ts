import type { StatusRecord, StatusUnit } from '../../domain/status-record.js'
import { toStatusRecord } from '../../domain/status-record.js'
import { statusTopic } from '../../domain/status-state.js'
import { liveStatus, setStatusTtl, writeStatus } from '../../domain/status-writes.js'
import type { EventsStore } from '../../store/events-store.js'
import type {
  StatusPatch,
  StatusRef,
  StatusStore,
  WriteStatusResult,
} from '../../store/status-store.js'
import type { Clock } from './clock.js'
import { ExpiringMap } from './expiring-map.js'

/** Statuses in process memory: the rules of domain/status-writes.ts over a Map. */
export class MemoryStatusStore implements StatusStore {
  readonly records: ExpiringMap<StatusUnit>
  readonly #clock: Clock
  readonly #events: EventsStore

  constructor(clock: Clock, events: EventsStore) {
    this.#clock = clock
    this.#events = events
    this.records = new ExpiringMap(clock)
  }

  async writeStatus(
    unit: StatusRef,
    patch: StatusPatch,
    maxFieldBytes: number,
    op: string,
  ): Promise<WriteStatusResult> {
    const now = this.#clock.now()
    const stored = liveStatus(this.records.get(unit.id), now)
    const input = { op, now, creation: unit.creation, subject: unit.subject ?? null, maxFieldBytes }
    const write = writeStatus(stored, patch, input)
    if (write.unit) {
      this.records.setUntil(unit.id, write.unit, write.unit.expiresAt)
      await this.#events.publish(statusTopic(unit.id), { id: unit.id, rev: write.unit.rev })
    }
    return write.answer
  }

  async setTtl(id: string, ttlMs: number, _op: string): Promise<boolean> {
    const now = this.#clock.now()
    const stored = liveStatus(this.records.get(id), now)
    if (!stored) return false
    const unit = setStatusTtl(stored, ttlMs, now)
    this.records.setUntil(id, unit, unit.expiresAt)
    return true
  }

  async readStatus(id: string): Promise<StatusRecord | null> {
    const unit = liveStatus(this.records.get(id), this.#clock.now())
    return unit ? toStatusRecord(unit) : null
  }

  async readStatuses(ids: readonly string[]): Promise<(StatusRecord | null)[]> {
    return Promise.all(ids.map((id) => this.readStatus(id)))
  }

  async ttlMs(id: string): Promise<number | null> {
    const now = this.#clock.now()
    const unit = liveStatus(this.records.get(id), now)
    return unit ? unit.expiresAt - now : null
  }
}
