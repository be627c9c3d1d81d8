import { InvalidArgumentError } from '../errors/jobledger-error.js'
import { describe, validateId } from './ids.js'
import type { CallbackSpec } from './outbox.js'
import { isSignal, type Signal } from './signals.js'
import { validateJobArgs } from './stage-input.js'

/** Callbacks one registration takes, and the JSON text they may fill together. */
export const MAX_CALLBACKS_PER_CALL = 16
export const MAX_CALLBACKS_JSON = 16_384

/** A callback checked and serialised: its name and its canonical JSON `{"name","args"}`. */
export interface CheckedCallback {
  name: string
  json: string
  spec: CallbackSpec
}

function refused(message: string): InvalidArgumentError {
  return new InvalidArgumentError(message, { details: { what: 'callbacks' } })
}

/**
 * Checks callbacks to register: 1 to 16 of `{ name, args? }`, names ids (a later one of a
 * name replaces an earlier one), args plain JSON, at most 16 KB of JSON in all.
 */
export function validateCallbacks(value: unknown): CheckedCallback[] {
  const list = Array.isArray(value) ? value : [value]
  if (list.length === 0 || list.length > MAX_CALLBACKS_PER_CALL)
    throw refused(`Register 1 to ${MAX_CALLBACKS_PER_CALL} callbacks at a time.`)
  const byName = new Map<string, CheckedCallback>()
  for (const item of list) {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw refused(`A callback is an object { name, args }, got ${describe(item)}.`)
    const { name, args, ...rest } = item as Record<string, unknown>
    if (Object.keys(rest).length > 0)
      throw refused(`A callback has only name and args, not ${Object.keys(rest).join(', ')}.`)
    const checkedName = validateId(name, 'callback name')
    const argsJson = validateJobArgs(args ?? [])
    const spec = { name: checkedName, args: JSON.parse(argsJson) as unknown[] }
    byName.delete(checkedName)
    byName.set(checkedName, { name: checkedName, json: JSON.stringify(spec), spec })
  }
  const checked = [...byName.values()]
  if (checked.reduce((n, c) => n + c.json.length, 0) > MAX_CALLBACKS_JSON)
    throw refused(`Callbacks may hold at most ${MAX_CALLBACKS_JSON} characters of JSON together.`)
  return checked
}

export function validateSignal(value: unknown): Signal {
  if (isSignal(value)) return value
  throw new InvalidArgumentError(
    `signal must be one of succeeded, settled, failed, stopped, got ${describe(value)}.`,
    { details: { what: 'signal' } },
  )
}

const STAGE_SCOPE = /^stage:(0|[1-9][0-9]{0,15})$/

/** A group's scope: '' for the group, `stage:<n>` for one of its stages. */
export function parseGroupScope(value: unknown): { scope: string; stage: number | null } {
  if (value === '') return { scope: '', stage: null }
  const match = typeof value === 'string' ? STAGE_SCOPE.exec(value) : null
  const stage = match ? Number(match[1]) : Number.NaN
  if (!Number.isSafeInteger(stage))
    throw new InvalidArgumentError(
      `A group's callback scope is '' (the group) or 'stage:<n>', got ${describe(value)}.`,
      { details: { what: 'scope' } },
    )
  return { scope: value as string, stage }
}
