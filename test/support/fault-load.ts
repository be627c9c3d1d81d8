import { isJobledgerError } from '../../src/index.js'

/**
 * What the callers of one crash trial were told: answers, failures by kind, the calls that
 * took longer than a call may (its timeout, the ledger's retries and their backoff), and the
 * calls repeated with the opId of an ambiguous failure.
 */
export class Tally {
  acknowledged = 0
  ambiguous = 0
  refused = 0
  repeatedWithOpId = 0
  /** Queue items whose lease ran out while their consumer could not reach Redis. */
  leasesLost = 0
  readonly hangs: number[] = []
  readonly unexpected: unknown[] = []
  readonly #boundMs: number

  constructor(boundMs: number) {
    this.#boundMs = boundMs
  }

  /** Times one attempt; an attempt slower than the bound is a hang. */
  async timed<T>(attempt: () => Promise<T>): Promise<T> {
    const started = performance.now()
    try {
      return await attempt()
    } finally {
      const ms = performance.now() - started
      if (ms > this.#boundMs) this.hangs.push(Math.round(ms))
    }
  }

  /** Counts a STORE_UNAVAILABLE; returns the opId it names (undefined for other errors). */
  unavailable(error: unknown): string | undefined | null {
    if (!isJobledgerError(error) || error.code !== 'STORE_UNAVAILABLE') return null
    if (error.details.ambiguous === true) this.ambiguous++
    else this.refused++
    const opId = error.details.opId
    return typeof opId === 'string' ? opId : undefined
  }
}

const PERSIST_MS = 60_000

/**
 * Calls a write until it answers, as a careful worker does: after STORE_UNAVAILABLE it waits a
 * little and repeats the call with the opId the error names, so a write whose reply was lost
 * is answered as it first was. Any other error is the caller's (rethrown).
 */
export async function persist<T>(
  tally: Tally,
  call: (options: { opId?: string }) => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + PERSIST_MS
  let options: { opId?: string } = {}
  for (;;) {
    try {
      const answer = await tally.timed(() => call(options))
      tally.acknowledged++
      return answer
    } catch (error) {
      const opId = tally.unavailable(error)
      if (opId === null || Date.now() > deadline) throw error
      if (opId !== undefined && options.opId === undefined) tally.repeatedWithOpId++
      if (opId !== undefined) options = { opId }
      await pause(10 + Math.random() * 40)
    }
  }
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** The items of `list` in a random order. */
export function shuffled<T>(list: readonly T[]): T[] {
  const out = [...list]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/** Runs `worker` on `lanes` concurrent lanes, each taking the next item of `items`. */
export async function inLanes<T>(
  items: readonly T[],
  lanes: number,
  worker: (item: T, lane: number) => Promise<void>,
): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      while (next < items.length) await worker(items[next++]!, lane)
    }),
  )
}
