import type { StatusPatch } from '../store/status-store.js'

export function emptyPatch(): StatusPatch {
  return { increment: 0, finish: false, fields: {} }
}

/**
 * The patch that has the effect of `first` then `next` in one write. Increments add up, an
 * absolute progress resets the increments before it, the last state, total and field value
 * win. A patch that finishes is always written at once, so `first` never carries `finish`
 * when more changes follow it.
 */
export function mergePatches(first: StatusPatch, next: StatusPatch): StatusPatch {
  const merged: StatusPatch = {
    ...first,
    increment: next.progress === undefined ? first.increment + next.increment : next.increment,
    finish: first.finish || next.finish,
    fields: { ...first.fields, ...next.fields },
  }
  if (next.state !== undefined) merged.state = next.state
  if (next.total !== undefined) merged.total = next.total
  if (next.progress !== undefined) merged.progress = next.progress
  return merged
}

/** The patch without its custom fields; null when nothing else is left in it. */
export function withoutFields(patch: StatusPatch): StatusPatch | null {
  const rest: StatusPatch = { ...patch, fields: {} }
  const empty =
    rest.state === undefined &&
    rest.total === undefined &&
    rest.progress === undefined &&
    rest.increment === 0 &&
    !rest.finish
  return empty ? null : rest
}
