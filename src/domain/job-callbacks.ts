import { InvalidArgumentError } from '../errors/jobledger-error.js'
import { batchScope } from './batch-record.js'
import { describe } from './ids.js'
import type { JobWrite } from './job-writes.js'
import { refuse } from './job-writes.js'
import type { OpId } from './op-id.js'
import { type CallbackSpec, type OutboxEntry, outboxField } from './outbox.js'
import { isSignal, type Signal } from './signals.js'

/*
 * Durable callbacks of a job and its batches (the store side; domain/outbox.ts is the rule).
 * A callback is registered per (scope, signal): scope '' is the job, `batch:<index>` one of
 * its batches. The write that fires the signal copies the callbacks into the outbox in the
 * same step; they stay there until each is confirmed. Registering is refused when the signal
 * already fired (INVALID_TRANSITION); a callback with the same name replaces the earlier one,
 * so registering is idempotent.
 */

/** The most bytes a callback's JSON (`{"name":…,"args":[…]}`) may take. */
export const MAX_CALLBACK_BYTES = 8_192
/** The most callbacks one (scope, signal) may hold. */
export const MAX_CALLBACKS_PER_SIGNAL = 16
/** The most a callback's name may take, in characters. */
export const MAX_CALLBACK_NAME = 128
const MAX_DEPTH = 32
const LONE_SURROGATE = /\p{Surrogate}/u

const BATCH_SCOPE = /^batch:(0|[1-9][0-9]{0,15})$/

/** A callback scope: '' (the job) or `batch:<index>`; returns the batch index or null. */
export function validateScope(scope: unknown): { scope: string; batch: number | null } {
  if (scope === '') return { scope, batch: null }
  const match = typeof scope === 'string' ? BATCH_SCOPE.exec(scope) : null
  const index = match ? Number(match[1]) : Number.NaN
  if (match && Number.isSafeInteger(index)) return { scope: batchScope(index), batch: index }
  throw new InvalidArgumentError(
    `scope must be '' (the job) or 'batch:<index>', got ${describe(scope)}.`,
    { details: { what: 'scope' } },
  )
}

export function validateSignal(signal: unknown): Signal {
  if (isSignal(signal)) return signal
  throw new InvalidArgumentError(
    `signal must be one of succeeded, settled, failed, stopped, got ${describe(signal)}.`,
    { details: { what: 'signal' } },
  )
}

/**
 * Checks a callback before any store call: a name (1 to 128 characters) and args that are
 * plain JSON (strings, finite numbers, booleans, null, arrays, plain objects; at most 32
 * levels deep), at most MAX_CALLBACK_BYTES of JSON. Returns a copy made of JSON.
 */
export function validateCallbackSpec(value: unknown): CallbackSpec {
  const spec = value as Partial<CallbackSpec> | null
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec))
    throw callbackError(`a callback must be an object { name, args }, got ${describe(value)}`)
  const { name, args = [] } = spec
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_CALLBACK_NAME)
    throw callbackError(
      `a callback's name must be a string of 1 to ${MAX_CALLBACK_NAME} characters`,
    )
  if (!Array.isArray(args)) throw callbackError("a callback's args must be an array")
  checkPlainJson(name, 0)
  checkPlainJson(args, 0)
  const json = JSON.stringify({ name, args })
  if (Buffer.byteLength(json, 'utf8') > MAX_CALLBACK_BYTES)
    throw callbackError(`a callback takes at most ${MAX_CALLBACK_BYTES} bytes of JSON`)
  return JSON.parse(json) as CallbackSpec
}

function checkPlainJson(value: unknown, depth: number): void {
  if (depth > MAX_DEPTH) throw callbackError(`callback args may nest at most ${MAX_DEPTH} levels`)
  if (value === null || typeof value === 'boolean') return
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value))
      throw callbackError('callback strings must be well-formed UTF-16')
    return
  }
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return
    throw callbackError('callback numbers must be finite')
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw callbackError('callback arrays may not have holes')
      checkPlainJson(value[i], depth + 1)
    }
    return
  }
  const proto = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined
  if (proto !== Object.prototype && proto !== null)
    throw callbackError(`callback args must be plain JSON, got ${describe(value)}`)
  for (const [key, item] of Object.entries(value as object)) {
    checkPlainJson(key, depth + 1)
    checkPlainJson(item, depth + 1)
  }
}

function callbackError(what: string): InvalidArgumentError {
  return new InvalidArgumentError(`${what}; nothing was registered.`, {
    details: { what: 'callback' },
  })
}

/** Registers `spec` for (scope, signal) on the job or one of its batches. */
export function registerCallback(
  write: JobWrite,
  target: { scope: string; batch: number | null },
  signal: Signal,
  spec: CallbackSpec,
): number {
  const { data } = write
  const context = { id: write.id, scope: target.scope, signal }
  const batch = target.batch === null ? null : data.batches[target.batch]
  if (target.batch !== null && !batch)
    refuse('BATCH_NOT_FOUND', { id: write.id, index: target.batch })
  const fired = batch ? batch.record.signals : data.record.parts.signals
  if (fired[signal] !== null) refuse('SIGNAL_ALREADY_FIRED', context)
  const field = outboxField(target.scope, signal)
  const list = (data.callbacks.get(field) ?? []).filter((cb) => cb.name !== spec.name)
  if (list.length >= MAX_CALLBACKS_PER_SIGNAL) refuse('CALLBACKS_FULL', context)
  list.push(spec)
  data.callbacks.set(field, list)
  return list.length
}

/** A due outbox entry as the store hands it out. */
export interface DueCallbacks extends OutboxEntry {
  scope: string
  signal: Signal
}

/** The due entries of an outbox, oldest first (then by scope and signal). */
export function dueEntries(outbox: ReadonlyMap<string, OutboxEntry>): DueCallbacks[] {
  return [...outbox]
    .map(([field, entry]) => {
      const at = field.lastIndexOf('|')
      return { scope: field.slice(0, at), signal: field.slice(at + 1) as Signal, ...entry }
    })
    .sort((a, b) => a.dueAt - b.dueAt || fieldOrder(a, b))
}

function fieldOrder(a: DueCallbacks, b: DueCallbacks): number {
  const x = outboxField(a.scope, a.signal)
  const y = outboxField(b.scope, b.signal)
  return x < y ? -1 : x > y ? 1 : 0
}

/**
 * Confirms one callback of a due entry (by name); the entry goes once none is left. The
 * confirming op is kept per callback in `confirmedBy` (as long as the outbox is), so the same
 * op repeated answers true again; any other confirm of a callback no longer due answers false.
 */
export function confirmCallback(
  outbox: Map<string, OutboxEntry>,
  confirmedBy: Map<string, OpId>,
  target: { scope: string; signal: Signal; name: string },
  op: OpId,
): boolean {
  const field = outboxField(target.scope, target.signal)
  const confirmation = confirmationKey(field, target.name)
  if (confirmedBy.get(confirmation) === op) return true
  const entry = outbox.get(field)
  if (!entry) return false
  const left = entry.callbacks.filter((cb) => cb.name !== target.name)
  if (left.length === entry.callbacks.length) return false
  if (left.length === 0) outbox.delete(field)
  else outbox.set(field, { ...entry, callbacks: left })
  confirmedBy.set(confirmation, op)
  return true
}

/** Where the op that confirmed a callback is kept: '<scope>|<signal>|<name>'. */
function confirmationKey(field: string, name: string): string {
  return `${field}|${name}`
}
