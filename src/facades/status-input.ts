import { describe } from '../domain/ids.js'
import {
  encodeFieldValue,
  fieldBytes,
  fieldLimitError,
  MAX_FIELD_BYTES,
  validateFieldName,
} from '../domain/status-fields.js'
import { validateStatusState } from '../domain/status-state.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type { StatusPatch } from '../store/status-store.js'
import { emptyPatch } from './status-patch.js'

/** A non-negative safe integer (a progress, a total). */
export function validateCount(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value
  throw new InvalidArgumentError(
    `${what} must be a non-negative integer, got ${describe(value)}.`,
    { details: { what } },
  )
}

/** Turns `update(fields)` into a patch: `status`, `progress` and `total` drive the status itself. */
export function patchFromUpdate(update: unknown): StatusPatch {
  if (update === null || typeof update !== 'object' || Array.isArray(update)) {
    throw new InvalidArgumentError(`update takes an object of fields, got ${describe(update)}.`)
  }
  const patch = emptyPatch()
  for (const [name, value] of Object.entries(update)) {
    if (name === 'status') patch.state = validateStatusState(value)
    else if (name === 'progress') patch.progress = validateCount(value, 'progress')
    else if (name === 'total') patch.total = validateCount(value, 'total')
    else patch.fields[validateFieldName(name)] = encodeFieldValue(name, value)
  }
  checkFieldBytes(patch.fields)
  return patch
}

export function patchFromField(name: unknown, value: unknown): StatusPatch {
  const field = validateFieldName(name)
  const patch = { ...emptyPatch(), fields: { [field]: encodeFieldValue(field, value) } }
  checkFieldBytes(patch.fields)
  return patch
}

/** Refuses fields that alone exceed the limit (the store checks them with the stored ones). */
export function checkFieldBytes(fields: Record<string, string>): void {
  const bytes = Object.entries(fields).reduce((sum, [n, json]) => sum + fieldBytes(n, json), 0)
  if (bytes > MAX_FIELD_BYTES) throw fieldLimitError(bytes)
}

export function validateIncrement(value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value
  throw new InvalidArgumentError(
    `The step of increment/decrement must be a non-negative integer, got ${describe(value)}.`,
  )
}

/** A status handle's `throttleMs`: 0 when not given. */
export function validateThrottle(value: unknown): number {
  if (value === undefined) return 0
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value
  throw new InvalidArgumentError(
    `throttleMs must be a non-negative number of milliseconds, got ${String(value)}.`,
  )
}
