import { statusTopic } from '../../domain/status-state.js'
import type { EventsStore } from '../../store/events-store.js'
import type {
  StatusPatch,
  StatusRecord,
  StatusStore,
  WriteStatusResult,
} from '../../store/status-store.js'
import type { UnitRef } from '../../store/unit-ref.js'
import type { Clock } from './clock.js'
import { ExpiringMap } from './expiring-map.js'

/** Statuses in process memory. Each write runs synchronously to completion, so it is atomic. */
export class MemoryStatusStore implements StatusStore {
  readonly records: ExpiringMap<StatusRecord>
  readonly #clock: Clock
  readonly #events: EventsStore

  constructor(clock: Clock, events: EventsStore) {
    this.#clock = clock
    this.#events = events
    this.records = new ExpiringMap(clock)
  }

  async writeStatus(
    unit: UnitRef,
    patch: StatusPatch,
    maxFieldBytes: number,
  ): Promise<WriteStatusResult> {
    const now = this.#clock.now()
    const existing = this.records.get(unit.id)
    const bytes = fieldBytesAfter(existing?.fields ?? {}, patch.fields)
    if (bytes > maxFieldBytes) return { ok: false, fieldBytes: bytes }
    const record = existing ? structuredClone(existing) : newRecord(now)
    applyPatch(record, patch, now)
    this.records.set(unit.id, record, unit.ttlMs)
    await this.#events.publish(statusTopic(unit.id), { id: unit.id, rev: record.rev })
    return { ok: true, created: !existing, rev: record.rev, createdAt: record.createdAt }
  }

  async readStatus(id: string): Promise<StatusRecord | null> {
    const record = this.records.get(id)
    return record ? structuredClone(record) : null
  }

  async readStatuses(ids: readonly string[]): Promise<(StatusRecord | null)[]> {
    return Promise.all(ids.map((id) => this.readStatus(id)))
  }

  async ttlMs(id: string): Promise<number | null> {
    return this.records.ttlMs(id)
  }
}

function newRecord(now: number): StatusRecord {
  return {
    state: 'queued',
    progress: null,
    total: null,
    fields: {},
    queuedAt: now,
    startedAt: null,
    finishedAt: null,
    createdAt: now,
    updatedAt: now,
    rev: 0,
  }
}

function fieldBytesAfter(current: Record<string, string>, patch: Record<string, string>): number {
  const merged = { ...current, ...patch }
  return Object.entries(merged).reduce(
    (sum, [name, json]) => sum + Buffer.byteLength(name) + Buffer.byteLength(json),
    0,
  )
}

function applyPatch(record: StatusRecord, patch: StatusPatch, now: number): void {
  if (patch.state !== undefined && patch.state !== record.state) {
    record.state = patch.state
    if (patch.state === 'queued') {
      record.queuedAt = now
      record.startedAt = null
      record.finishedAt = null
    } else if (patch.state === 'working') {
      record.startedAt = now
      record.finishedAt = null
    } else {
      record.finishedAt = now
    }
  }
  if (patch.total !== undefined) record.total = patch.total
  if (patch.progress !== undefined) record.progress = patch.progress
  if (patch.increment !== 0) record.progress = (record.progress ?? 0) + patch.increment
  if (patch.finish && record.total !== null) record.progress = record.total
  Object.assign(record.fields, patch.fields)
  record.updatedAt = now
  record.rev++
}
