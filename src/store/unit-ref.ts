/** A unit addressed for a write: its id and the TTL every write refreshes. */
export interface UnitRef {
  readonly id: string
  readonly ttlMs: number
}

/** Kinds of tracked units, as listed by the registry. */
export type UnitKind = 'job' | 'status' | 'queue' | 'group'
