/**
 * Times and durations as pages show them. The server writes UTC; the page script rewrites
 * each <time data-at> in the viewer's local time and keeps its relative form fresh (shown on
 * hover as the title, and read out by screen readers from the visually hidden part).
 */

/** An absolute time, "2025-05-01 14:03:04" (local once the script ran), relative on hover. */
export function At(props: { at: number | null; now: number }) {
  if (props.at === null) return <span class="muted">—</span>
  const relative = describeAge(props.now - props.at)
  return (
    <time data-at datetime={new Date(props.at).toISOString()} title={relative}>
      <span data-role="absolute">{formatUtc(props.at)}</span>
      <span class="sr-only" data-role="relative">{` (${relative})`}</span>
    </time>
  )
}

/**
 * How long from `from` to `to`; without `to`, how long so far (kept fresh by the script).
 * With `liveKey`, the live value's `fromField`/`toField` timestamps replace both as they change.
 */
export function Duration(props: {
  from: number | null
  to: number | null
  now: number
  liveKey?: string
  fromField?: string
  toField?: string
}) {
  const { from, to, now } = props
  const text = from === null ? '—' : describeDuration((to ?? now) - from)
  return (
    <span
      class="duration"
      data-live={props.liveKey}
      data-duration-from={props.fromField}
      data-duration-to={props.toField}
      data-since={from !== null && to === null ? String(from) : undefined}
      data-state={to === null && from !== null ? 'running' : undefined}
    >
      {to === null && from !== null ? `${text} so far` : text}
    </span>
  )
}

/** "2025-05-01 12:03:04 UTC": the text a page carries before the script localizes it. */
export function formatUtc(at: number): string {
  return `${new Date(at).toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

export function describeAge(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000))
  if (seconds < 60) return `${seconds} s ago`
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`
  return `${Math.floor(seconds / 86_400)} d ago`
}

/** "340 ms", "12.3 s", "4 min 12 s", "3 h 5 min", "2 d 4 h". */
export function describeDuration(ms: number): string {
  const span = Math.max(0, Math.round(ms))
  if (span < 1000) return `${span} ms`
  if (span < 60_000) return `${(Math.floor(span / 100) / 10).toFixed(1)} s`
  const seconds = Math.floor(span / 1000)
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`
  if (seconds < 86_400)
    return `${Math.floor(seconds / 3600)} h ${Math.floor(seconds / 60) % 60} min`
  return `${Math.floor(seconds / 86_400)} d ${Math.floor(seconds / 3600) % 24} h`
}
