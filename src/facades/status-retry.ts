import { isJobledgerError, StoreUnavailableError } from '../errors/jobledger-error.js'
import type { StatusPatch } from '../store/status-store.js'
import { emptyPatch, mergePatches } from './status-patch.js'

/** Whether a failed status write may have been applied (its reply was lost). */
export function mayHaveRun(error: unknown): boolean {
  return isJobledgerError(error) && error.details.ambiguous === true
}

/** The changes of a write merged into the one patch its retry must carry; null if none. */
export function mergedChanges(attempted: { patch: StatusPatch | null }[]): StatusPatch | null {
  const changes = attempted.filter((entry) => entry.patch !== null)
  if (changes.length === 0) return null
  return changes.reduce((all, e) => mergePatches(all, e.patch ?? emptyPatch()), emptyPatch())
}

/** What a call queued behind a status change that must be retried first is refused with. */
export function behindRetryError(cause: unknown): StoreUnavailableError {
  return new StoreUnavailableError(
    'An earlier change of this status may or may not have been written and is retried first; this call wrote nothing. Call it again.',
    { cause, details: { ambiguous: false } },
  )
}
