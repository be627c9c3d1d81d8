import type { SignalTimes } from '../../domain/signals.js'
import { At, describeDuration } from './time.js'

const ORDER = ['failed', 'stopped', 'settled', 'succeeded'] as const

/** The signals a unit fired, each with its time and how long after creation. */
export function SignalList(props: { signals: SignalTimes; createdAt: number; now: number }) {
  const fired = ORDER.filter((signal) => props.signals[signal] !== null)
  if (fired.length === 0) return <span class="muted">—</span>
  return (
    <ul class="signals">
      {fired.map((signal) => {
        const at = props.signals[signal] as number
        return (
          <li>
            {signal} <At at={at} now={props.now} /> (+{describeDuration(at - props.createdAt)})
          </li>
        )
      })}
    </ul>
  )
}

/** Shown on a unit's page once its details expired and only its compact summary is left. */
export function CompactNote(props: { compact: boolean | undefined; what: string }) {
  if (!props.compact) return null
  return (
    <p class="muted compact-note">
      Details expired: this is the {props.what}'s compact summary (counts, signal times, first
      failure), kept for its summary TTL.
    </p>
  )
}

/** Beside a listed unit's state once only its compact summary is left. */
export function CompactTag(props: { compact: boolean | undefined }) {
  if (!props.compact) return null
  return <span class="muted compact-tag"> (compact summary)</span>
}
