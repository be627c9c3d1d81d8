/** The time ranges the throughput chart draws, each as 60 buckets. */
export const THROUGHPUT_RANGES = {
  '5m': { label: 'last 5 min', bucketMs: 5_000 },
  '1h': { label: 'last hour', bucketMs: 60_000 },
} as const

export type ThroughputRange = keyof typeof THROUGHPUT_RANGES

export const BUCKETS = 60

/** What settled during one bucket of time, and how much of the bucket samples covered. */
export interface ThroughputBucket {
  /** Start of the bucket, ms since the epoch. */
  at: number
  items: number
  parts: number
  /** Time the samples in this bucket spanned; rates are counts over it. */
  coveredMs: number
}

export interface ThroughputPoint {
  at: number
  /** Per second over the bucket; null where no sample covered it (no dashboard was open). */
  itemsPerSecond: number | null
  partsPerSecond: number | null
}

/**
 * Settled items and parts by time bucket, in two fixed rings (5 s × 60 and 60 s × 60), so
 * memory stays the same however long the dashboard runs.
 */
export class ThroughputHistory {
  readonly #rings: Record<ThroughputRange, ThroughputBucket[]> = { '5m': [], '1h': [] }

  /** Adds what settled between `from` and `to` to the bucket `to` falls in, in each ring. */
  add(from: number, to: number, counts: { items: number; parts: number }): void {
    for (const range of Object.keys(this.#rings) as ThroughputRange[]) {
      const { bucketMs } = THROUGHPUT_RANGES[range]
      const ring = this.#rings[range]
      const at = Math.floor(to / bucketMs) * bucketMs
      let bucket = ring.at(-1)
      if (!bucket || bucket.at !== at) {
        bucket = { at, items: 0, parts: 0, coveredMs: 0 }
        ring.push(bucket)
        while (ring.length > 0 && ring[0]!.at <= at - BUCKETS * bucketMs) ring.shift()
      }
      bucket.items += counts.items
      bucket.parts += counts.parts
      bucket.coveredMs += to - from
    }
  }

  /** The range's 60 points ending with the bucket `now` falls in, oldest first. */
  points(range: ThroughputRange, now: number): ThroughputPoint[] {
    const { bucketMs } = THROUGHPUT_RANGES[range]
    const byStart = new Map(this.#rings[range].map((bucket) => [bucket.at, bucket]))
    const last = Math.floor(now / bucketMs) * bucketMs
    return Array.from({ length: BUCKETS }, (_, i) => {
      const at = last - (BUCKETS - 1 - i) * bucketMs
      const bucket = byStart.get(at)
      if (!bucket || bucket.coveredMs <= 0)
        return { at, itemsPerSecond: null, partsPerSecond: null }
      const perSecond = (count: number) => Math.round((count * 10_000) / bucket.coveredMs) / 10
      return {
        at,
        itemsPerSecond: perSecond(bucket.items),
        partsPerSecond: perSecond(bucket.parts),
      }
    })
  }
}
