/** JSON up to this many characters on one line is shown inline; longer is collapsed. */
const INLINE_CHARS = 60
/** How much of collapsed JSON its summary line previews. */
const PREVIEW_CHARS = 48

/**
 * A stored JSON value: short ones inline as code, longer ones pretty-printed inside a
 * <details> whose summary previews the value and says its size.
 */
export function JsonView(props: { value: unknown; open?: boolean }) {
  const { value } = props
  if (value === null || value === undefined) return <span class="muted">—</span>
  if (typeof value === 'string' && value.length <= INLINE_CHARS && !value.includes('\n')) {
    return <span class="json-text">{value}</span>
  }
  const compact = JSON.stringify(value)
  if (compact.length <= INLINE_CHARS) return <code class="json">{compact}</code>
  const pretty = typeof value === 'string' ? value : JSON.stringify(value, null, 2)
  return (
    <details class="json" open={props.open}>
      <summary>
        <code>{preview(compact)}</code> <span class="muted">{sizeOf(value)}</span>
      </summary>
      <pre>{pretty}</pre>
    </details>
  )
}

function preview(compact: string): string {
  return compact.length <= PREVIEW_CHARS ? compact : `${compact.slice(0, PREVIEW_CHARS)}…`
}

function sizeOf(value: unknown): string {
  if (Array.isArray(value)) return `(${value.length} ${value.length === 1 ? 'entry' : 'entries'})`
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).length
    return `(${keys} ${keys === 1 ? 'key' : 'keys'})`
  }
  return `(${String(value).length} characters)`
}

/** JSON text as stored (staged job arguments), parsed when it parses. */
export function JsonTextView(props: { text: string }) {
  try {
    return <JsonView value={JSON.parse(props.text) as unknown} />
  } catch {
    return <JsonView value={props.text} />
  }
}
