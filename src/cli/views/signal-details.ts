import type { SignalTimes } from '../../index.js'
import { formatDuration, formatTime } from '../format.js'

const ORDER = ['failed', 'stopped', 'settled', 'succeeded'] as const

/**
 * Detail rows for a unit's timeline: when it started, each signal that fired (with how long
 * after creation), its duration, and whether only the compact summary is left.
 */
export function signalDetails(
  unit: {
    createdAt: number
    startedAt: number | null
    signals: SignalTimes
    durationMs: number | null
    compact?: boolean
  },
  now: number,
): [string, string][] {
  const rows: [string, string][] = [['started', formatTime(unit.startedAt, now)]]
  for (const signal of ORDER) {
    const at = unit.signals[signal]
    if (at !== null)
      rows.push([signal, `${formatTime(at, now)}, +${formatDuration(at - unit.createdAt)}`])
  }
  if (unit.durationMs !== null) rows.push(['duration', formatDuration(unit.durationMs)])
  if (unit.compact) rows.push(['details', 'expired: compact summary'])
  return rows
}
