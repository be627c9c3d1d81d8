import type { BatchView } from '../../domain/batch-record.js'
import type { JobRecord } from '../../domain/job-record.js'
import { noSignals, SIGNALS, type SignalTimes } from '../../domain/signals.js'

/*
 * The fields of a job's state hash (lua/include/parts.lua PARTS_FIELDS, then include job's
 * JOB_FIELDS) and of a batch's record in the batches hash (include batch's BATCH_FIELDS), and
 * their decoding into the domain records. The compact summary hash holds the same fields as
 * the state (a copy taken when the job settled or stopped).
 */
export const STATE_FIELDS = [
  'total',
  'open',
  'succeeded',
  'failed',
  'closed',
  'stopped',
  'startedAt',
  'finishOp',
  'sig:failed',
  'sig:stopped',
  'sig:settled',
  'sig:succeeded',
  'ttlMs',
  'summaryTtlMs',
  'expiresAt',
  'createOp',
  'createdAt',
  'name',
  'description',
  'stopReason',
  'stopOp',
  'firstFailedPart',
  'firstFailure',
  'items',
  'processed',
  'skipped',
  'errored',
  'missing',
  'batches',
  'batchesDone',
] as const

export type StateField = (typeof STATE_FIELDS)[number]

const BATCH_FIELDS = [
  'op',
  'items',
  'errored',
  'settled',
  'stopped',
  'startedAt',
  'sig:failed',
  'sig:stopped',
  'sig:settled',
  'sig:succeeded',
] as const

const num = (value: string | null | undefined): number => Number(value ?? 0)
/** A time field; absent or '' (a new job's placeholder for startedAt) is null. */
const time = (value: string | null | undefined): number | null =>
  value === null || value === undefined || value === '' ? null : Number(value)

function signalsOf(get: (field: string) => string | null | undefined): SignalTimes {
  const signals = noSignals()
  for (const signal of SIGNALS) signals[signal] = time(get(`sig:${signal}`))
  return signals
}

/** The job record from its state fields (by name); null when there is no job. */
export function jobRecordOf(
  get: (field: StateField) => string | null | undefined,
): JobRecord | null {
  if (get('closed') === null || get('closed') === undefined) return null
  const failedPart = get('firstFailedPart')
  return {
    parts: {
      total: num(get('total')),
      open: num(get('open')),
      succeeded: num(get('succeeded')),
      failed: num(get('failed')),
      closed: get('closed') === '1',
      stopped: get('stopped') === '1',
      startedAt: time(get('startedAt')),
      signals: signalsOf((field) => get(field as StateField)),
      finishOp: get('finishOp') ?? null,
    },
    policy: { ttlMs: num(get('ttlMs')), summaryTtlMs: num(get('summaryTtlMs')) },
    name: get('name') ?? null,
    description: get('description') ?? null,
    createdAt: num(get('createdAt')),
    createOp: get('createOp') ?? '',
    expiresAt: num(get('expiresAt')),
    stopReason: get('stopReason') ?? null,
    stopOp: get('stopOp') ?? null,
    firstFailure: failedPart ? { part: failedPart, reason: get('firstFailure') ?? '' } : null,
    batches: {
      items: num(get('items')),
      processed: num(get('processed')),
      skipped: num(get('skipped')),
      errored: num(get('errored')),
      missing: num(get('missing')),
      batches: num(get('batches')),
      batchesDone: num(get('batchesDone')),
    },
  }
}

/** The job record from an HMGET of STATE_FIELDS. */
export function jobRecordFromValues(values: readonly (string | null)[]): JobRecord | null {
  return jobRecordOf((field) => values[STATE_FIELDS.indexOf(field)])
}

/** The batch fields of batch `index` for an HMGET of the batches hash. */
export function batchFieldNames(index: number): string[] {
  return BATCH_FIELDS.map((field) => `${index}:${field}`)
}

/** A batch's view from an HMGET of batchFieldNames(index); null when there is no batch. */
export function batchViewFromValues(
  index: number,
  values: readonly (string | null)[],
): BatchView | null {
  const get = (field: string) => values[(BATCH_FIELDS as readonly string[]).indexOf(field)]
  if (get('op') === null || get('op') === undefined) return null
  return {
    index,
    items: num(get('items')),
    errored: num(get('errored')),
    settled: get('settled') === '1',
    stopped: get('stopped') === '1',
    startedAt: time(get('startedAt')),
    signals: signalsOf(get),
  }
}

/** A HGETALL reply (flat array in RESP2, a map in RESP3) as a Map. */
export function hashOf(reply: unknown): Map<string, string> {
  if (reply instanceof Map) return new Map([...reply].map(([k, v]) => [String(k), String(v)]))
  if (Array.isArray(reply)) {
    const map = new Map<string, string>()
    for (let i = 0; i + 1 < reply.length; i += 2) map.set(String(reply[i]), String(reply[i + 1]))
    return map
  }
  if (reply !== null && typeof reply === 'object')
    return new Map(Object.entries(reply).map(([k, v]) => [k, String(v)]))
  return new Map()
}
