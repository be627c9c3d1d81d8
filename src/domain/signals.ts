/*
 * The four terminal signals of every unit with parts (job, batch, stage, group), one rule for
 * every store. Each fires at most once per unit; the write that causes it records its time.
 *
 *   failed     the first part settled as failed for good (the rest may still run)
 *   stopped    stop() (or a cancel) was called for the first time
 *   settled    every part settled, failures included, once the unit is closed
 *   succeeded  settled with no part failed (fires together with settled)
 *
 * A batch's signals roll into its job (the batch is a part of it); a group's settled is its
 * last stage's.
 */
export const SIGNALS = ['succeeded', 'settled', 'failed', 'stopped'] as const

export type Signal = (typeof SIGNALS)[number]

/** When each signal fired, ms since the epoch; null until it has. */
export type SignalTimes = Record<Signal, number | null>

export function noSignals(): SignalTimes {
  return { succeeded: null, settled: null, failed: null, stopped: null }
}

/** The counters a parts unit's signals are judged by. */
export interface SignalCounters {
  closed: boolean
  open: number
  failed: number
  stopped: boolean
}

/**
 * The signals a unit reaches in its current counters that have not fired yet, in the order
 * they are recorded (failed and stopped before settled, so a settle that also fails the unit
 * reports both).
 */
export function dueSignals(counters: SignalCounters, fired: SignalTimes): Signal[] {
  const due: Signal[] = []
  if (counters.failed > 0 && fired.failed === null) due.push('failed')
  if (counters.stopped && fired.stopped === null) due.push('stopped')
  if (counters.closed && counters.open === 0 && fired.settled === null) {
    due.push('settled')
    if (counters.failed === 0) due.push('succeeded')
  }
  return due
}

/** Records the due signals at `now` and returns them (mutates `fired`). */
export function fireDueSignals(
  counters: SignalCounters,
  fired: SignalTimes,
  now: number,
): Signal[] {
  const due = dueSignals(counters, fired)
  for (const signal of due) fired[signal] = now
  return due
}

export function isSignal(value: unknown): value is Signal {
  return typeof value === 'string' && (SIGNALS as readonly string[]).includes(value)
}
