import type { StatusPatch } from '../store/status-store.js'

/*
 * Which queued changes of a status go out together in one write. Changes queue in call order;
 * a write takes them from the front, coalesced, and stops after a finish (it applies after
 * the increments of its write, so nothing queued after it may join). A change with its own
 * opId goes alone: repeated, the store answers it from its first execution and applies
 * nothing of its patch, so changes riding with it would be lost.
 */

export interface Waiter {
  resolve(): void
  reject(error: unknown): void
}

/** A change waiting to be written; `patch` null is a flush, `waiter` null a buffered change. */
export interface Entry {
  patch: StatusPatch | null
  waiter: Waiter | null
  opId?: string
}

/** Removes from `queue` and returns the entries its next write carries. */
export function takeNextWrite(queue: Entry[]): Entry[] {
  const stop = queue.findIndex((entry) => entry.patch?.finish === true || entry.opId !== undefined)
  if (stop === -1) return queue.splice(0, queue.length)
  const alone = queue[stop]?.opId !== undefined
  return queue.splice(0, alone && stop > 0 ? stop : stop + 1)
}

export function hasFields(patch: StatusPatch | null): boolean {
  return patch !== null && Object.keys(patch.fields).length > 0
}

/** Consecutive buffered changes together, each caller's change alone. */
export function toRuns(changes: Entry[]): Entry[][] {
  const runs: Entry[][] = []
  for (const entry of changes) {
    const last = runs.at(-1)
    if (entry.waiter === null && last !== undefined && last[0]?.waiter === null) last.push(entry)
    else runs.push([entry])
  }
  return runs
}

/**
 * True when a new buffered change may be merged into `entry` as it waits in the queue: a
 * buffered change without its own op or a finish, which the next write would carry together
 * with it anyway (so the queue stays one entry long however fast changes come).
 */
export function joinsBuffered(entry: Entry): entry is Entry & { patch: StatusPatch } {
  return (
    entry.waiter === null &&
    entry.opId === undefined &&
    entry.patch !== null &&
    entry.patch.finish !== true
  )
}
