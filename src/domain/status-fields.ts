import { InvalidArgumentError } from '../errors/jobledger-error.js'
import { describe } from './ids.js'
import { findNonJson } from './plain-json.js'
import { checkWellFormed } from './text.js'

/** Names a custom field may not take: they are the status's own properties in its JSON. */
export const RESERVED_FIELD_NAMES: ReadonlySet<string> = new Set([
  'status',
  'progress',
  'total',
  'ratio',
  'fields',
  'queuedAt',
  'startedAt',
  'finishedAt',
  'createdAt',
  'updatedAt',
  '__proto__',
])

/** The most custom field data a status may hold: names plus JSON-encoded values, in bytes. */
export const MAX_FIELD_BYTES = 64 * 1024

const MAX_FIELD_NAME_BYTES = 256
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const CONTROL = /[\u0000-\u001f\u007f]/

export function validateFieldName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0) {
    throw new InvalidArgumentError(
      `A field name must be a non-empty string, got ${describe(name)}.`,
    )
  }
  if (Buffer.byteLength(name) > MAX_FIELD_NAME_BYTES || CONTROL.test(name)) {
    throw new InvalidArgumentError(
      `Field name ${JSON.stringify(name.slice(0, 40))} must be at most ${MAX_FIELD_NAME_BYTES} bytes without control characters.`,
    )
  }
  checkWellFormed(name, 'A field name')
  if (RESERVED_FIELD_NAMES.has(name)) {
    throw new InvalidArgumentError(
      `Field name "${name}" is reserved (${[...RESERVED_FIELD_NAMES].slice(0, -1).join(', ')}); use progress.*, update({ status }) or another name.`,
      { details: { field: name } },
    )
  }
  return name
}

/**
 * Encodes a field value as JSON, refusing anything that would not read back the same:
 * undefined, functions, symbols, bigints, NaN and Infinity, class instances (Date, Map…), cycles,
 * sparse arrays, lone surrogates, nesting deeper than MAX_JSON_DEPTH.
 */
export function encodeFieldValue(name: string, value: unknown): string {
  const problem = findNonJson(value, `field ${JSON.stringify(name)}`, MAX_FIELD_BYTES)
  if (problem !== null) {
    throw new InvalidArgumentError(
      `Field "${name}" is not plain JSON: ${problem}. Convert it first (a Date with toISOString(), a Map with Object.fromEntries()).`,
      { details: { field: name } },
    )
  }
  return JSON.stringify(value)
}

/** Bytes a field counts against MAX_FIELD_BYTES: its name plus its JSON. */
export function fieldBytes(name: string, json: string): number {
  return Buffer.byteLength(name) + Buffer.byteLength(json)
}

export function fieldLimitError(bytes: number): InvalidArgumentError {
  return new InvalidArgumentError(
    `The status's custom fields would take ${bytes} bytes, over the ${MAX_FIELD_BYTES}-byte limit; store large data elsewhere and keep a reference in the status.`,
    { details: { bytes, limit: MAX_FIELD_BYTES } },
  )
}
