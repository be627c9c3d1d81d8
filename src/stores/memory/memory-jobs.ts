import {
  confirmCallback,
  type DueCallbacks,
  dueEntries,
  registerCallback,
  validateScope,
  validateSignal,
} from '../../domain/job-callbacks.js'
import type { CompactJobSummary } from '../../domain/job-compact.js'
import type { JobRecord } from '../../domain/job-record.js'
import { copyJobRecord } from '../../domain/job-record.js'
import type {
  CloseJobResult,
  DonePartResult,
  PartOutcome,
  PushPartsResult,
  RegisterCallbackResult,
  SetTtlResult,
  StopJobResult,
} from '../../domain/job-results.js'
import {
  closeJob,
  type JobWrite,
  pushParts,
  refuse,
  setJobTtl,
  settlePart,
  stopJob,
} from '../../domain/job-writes.js'
import type { OpId } from '../../domain/op-id.js'
import { type CallbackSpec, outboxField } from '../../domain/outbox.js'
import type { Signal } from '../../domain/signals.js'
import type { FailedPartsPage, JobRef, JobStore, OpenPartsPage } from '../../store/job-store.js'
import type { Clock } from './clock.js'
import { mapFactory } from './memory-job-data.js'
import { JobTable } from './memory-job-table.js'

/** Jobs in process memory: the domain rules over Maps. Every method runs synchronously. */
export class MemoryJobStore implements JobStore {
  readonly table: JobTable

  constructor(clock: Clock, table = new JobTable(clock, mapFactory)) {
    this.table = table
  }

  async pushParts(
    ref: JobRef,
    parts: readonly string[],
    close: boolean,
    op: OpId,
  ): Promise<PushPartsResult> {
    const write = this.table.creating(ref, op)
    const { added, last, changed } = pushParts(write, parts, close)
    const due = this.table.commit(write, changed)
    return { added, lastOfClosedUnit: last, ...created(write), fired: write.fired, due }
  }

  async closeJob(ref: JobRef, op: OpId): Promise<CloseJobResult> {
    const write = this.table.creating(ref, op)
    const { closed, last, changed } = closeJob(write)
    const due = this.table.commit(write, changed)
    return { closed, lastOfClosedUnit: last, ...created(write), fired: write.fired, due }
  }

  async donePart(
    ref: JobRef,
    part: string,
    outcome: PartOutcome,
    op: OpId,
  ): Promise<DonePartResult> {
    const write = this.table.existing(ref.id, op)
    if (!write) return { removed: false, lastOfClosedUnit: false, fired: [], due: [] }
    const { removed, last } = settlePart(write, part, outcome)
    const due = this.table.commit(write, removed)
    return { removed, lastOfClosedUnit: last, fired: write.fired, due }
  }

  async stopJob(ref: JobRef, reason: string | null, op: OpId): Promise<StopJobResult> {
    const write = this.table.existing(ref.id, op)
    if (!write) return { found: false, stopped: false, fired: [], due: [] }
    const { stopped, changed } = stopJob(write, reason)
    const due = this.table.commit(write, changed)
    return { found: true, stopped, fired: write.fired, due }
  }

  async setTtl(ref: JobRef, ttlMs: number, op: OpId): Promise<SetTtlResult> {
    const write = this.table.existing(ref.id, op)
    if (!write) return refuse('JOB_NOT_FOUND', { id: ref.id, action: 'set the ttl of' })
    this.table.commit(write, true, setJobTtl(write, ttlMs))
    return { expiresAt: write.data.record.expiresAt }
  }

  async isOpenPart(id: string, part: string): Promise<boolean> {
    return this.table.live(id)?.parts.slot(part) === 'open'
  }

  async readJob(id: string): Promise<JobRecord | null> {
    const data = this.table.live(id)
    return data ? copyJobRecord(data.record) : null
  }

  async readJobs(ids: readonly string[]): Promise<(JobRecord | null)[]> {
    return Promise.all(ids.map((id) => this.readJob(id)))
  }

  async readCompact(id: string): Promise<CompactJobSummary | null> {
    const summary = this.table.afterlife(id)?.summary
    return summary ? structuredClone(summary) : null
  }

  async openParts(id: string, cursor: string | null, limit: number): Promise<OpenPartsPage> {
    const parts = this.table.live(id)?.parts
    if (!parts) return { parts: [], cursor: null }
    const order = parts.pushed()
    const page: string[] = []
    let index = cursor === null ? 0 : Number(cursor)
    for (; index < order.length && page.length < limit; index++) {
      const part = order[index]!
      if (parts.slot(part) === 'open') page.push(part)
    }
    return { parts: page, cursor: index < order.length ? String(index) : null }
  }

  async failedParts(id: string, cursor: string | null, limit: number): Promise<FailedPartsPage> {
    const failures = this.table.live(id)?.failures ?? []
    const start = cursor === null ? 0 : Number(cursor)
    const page = failures.slice(start, start + limit).map((failure) => ({ ...failure }))
    const next = start + page.length
    return { failures: page, cursor: next < failures.length ? String(next) : null }
  }

  async ttlMs(id: string): Promise<number | null> {
    const data = this.table.live(id)
    return data ? data.record.expiresAt - this.table.now() : null
  }

  async registerCallback(
    ref: JobRef,
    scope: string,
    signal: Signal,
    spec: CallbackSpec,
    op: OpId,
  ): Promise<RegisterCallbackResult> {
    const target = validateScope(scope)
    const write = this.table.creating(ref, op)
    const registered = registerCallback(write, target, validateSignal(signal), spec)
    this.table.commit(write, true)
    return { registered, ...created(write) }
  }

  async readCallbacks(id: string, scope: string, signal: Signal): Promise<CallbackSpec[]> {
    const list = this.table.live(id)?.callbacks.get(outboxField(scope, signal)) ?? []
    return structuredClone(list)
  }

  async readOutbox(id: string): Promise<DueCallbacks[]> {
    return structuredClone(dueEntries(this.table.afterlife(id)?.outbox ?? new Map()))
  }

  async confirmCallback(
    id: string,
    scope: string,
    signal: Signal,
    name: string,
    op: OpId,
  ): Promise<boolean> {
    const after = this.table.afterlife(id)
    return after
      ? confirmCallback(after.outbox, after.confirmedBy, { scope, signal, name }, op)
      : false
  }
}

function created(write: JobWrite): { created: boolean; createdAt: number } {
  return { created: write.created, createdAt: write.data.record.createdAt }
}
