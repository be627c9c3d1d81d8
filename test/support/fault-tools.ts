import type { Logger } from '../../src/index.js'

/** How many times each fault test repeats; `npm run test:faults` raises it (FAULT_TRIALS). */
export const FAULT_TRIALS = Math.max(1, Number(process.env.FAULT_TRIALS ?? 1))

/** A logger that keeps every entry, to assert what the ledger reported. */
export class RecordingLogger implements Logger {
  readonly entries: { level: string; message: string; context: Record<string, unknown> }[] = []

  debug(context: object, message = ''): void {
    this.#add('debug', context, message)
  }
  info(context: object, message = ''): void {
    this.#add('info', context, message)
  }
  warn(context: object, message = ''): void {
    this.#add('warn', context, message)
  }
  error(context: object, message = ''): void {
    this.#add('error', context, message)
  }

  messages(level: string): string[] {
    return this.entries.filter((entry) => entry.level === level).map((entry) => entry.message)
  }

  #add(level: string, context: object, message: string): void {
    this.entries.push({ level, message, context: context as Record<string, unknown> })
  }
}

/** Runs `attempt` and returns how long it took to settle, with what it rejected (or null). */
export async function timed(
  attempt: () => Promise<unknown>,
): Promise<{ ms: number; error: unknown }> {
  const started = performance.now()
  try {
    await attempt()
    return { ms: performance.now() - started, error: null }
  } catch (error) {
    return { ms: performance.now() - started, error }
  }
}

/**
 * Calls `attempt` every `everyMs` until it succeeds, the way a worker retries; returns the
 * ms from the start to the first success, or throws after `timeoutMs`.
 */
export async function msUntilSuccess(
  attempt: () => Promise<unknown>,
  timeoutMs: number,
  everyMs = 5,
): Promise<number> {
  const started = performance.now()
  let last: unknown
  while (performance.now() - started < timeoutMs) {
    try {
      await attempt()
      return performance.now() - started
    } catch (error) {
      last = error
      await new Promise((resolve) => setTimeout(resolve, everyMs))
    }
  }
  throw new Error(`no success within ${timeoutMs} ms; last error: ${String(last)}`)
}

/** Median and maximum of measured figures, for the summary of a fault run. */
export function summarize(figures: number[]): { median: number; max: number; n: number } {
  const sorted = [...figures].sort((a, b) => a - b)
  return {
    median: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
    max: Math.round(sorted[sorted.length - 1] ?? 0),
    n: sorted.length,
  }
}
