/**
 * Something the live stream can watch: keys `<name>:<id>` are served by the source `name`.
 * `read` gets every watched id of one tick at once, so a store can answer in one round trip.
 */
export interface LiveSource {
  readonly name: string
  /** Values in the order of `ids`; null when the unit is gone or expired. */
  read(ids: readonly string[]): Promise<unknown[]>
  /** Throws a JobledgerError (INVALID_ARGUMENT) for an id the source can never read. */
  validate?(id: string): void
  /** Read only every n-th tick, for costly values (the overview counts); default 1. */
  readonly everyTicks?: number
  /**
   * Runs every `everyTicks` ticks while any stream is open, watched or not, before the reads
   * of that tick (the throughput sampler counts what settled meanwhile).
   */
  tick?(): Promise<void>
}

export function splitKey(key: string): { source: string; id: string } | null {
  const colon = key.indexOf(':')
  if (colon <= 0 || colon === key.length - 1) return null
  return { source: key.slice(0, colon), id: key.slice(colon + 1) }
}
