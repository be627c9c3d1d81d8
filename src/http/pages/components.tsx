/**
 * Progress as a native <progress>: no inline style, so the CSP needs no 'unsafe-inline'.
 * `valueField`/`maxField` name the live value's fields it follows (default done / total).
 */
export function ProgressBar(props: {
  liveKey: string
  value: number
  max: number
  valueField?: string
  maxField?: string
  /** What the bar measures, for screen readers; default "Progress". */
  label?: string
}) {
  return (
    <progress
      aria-label={props.label ?? 'Progress'}
      data-live={props.liveKey}
      data-value={props.valueField ?? 'done'}
      data-max={props.maxField ?? 'total'}
      value={props.value}
      max={Math.max(props.max, 1)}
    />
  )
}

/** A live text: the value at `field` of the watched unit. */
export function LiveText(props: {
  liveKey: string
  field: string
  text: string | number
  /** Shown by a state field once its unit is gone (default 'expired'). */
  goneText?: string
  /** Shown on hover: what the text means. */
  title?: string
}) {
  return (
    <span
      title={props.title}
      data-live={props.liveKey}
      data-field={props.field}
      data-state={String(props.text)}
      data-gone-text={props.goneText}
    >
      {String(props.text)}
    </span>
  )
}

/**
 * A live text at an exact path of the watched value, for names that may hold dots (custom
 * status fields, staged job ids): the path travels as a JSON array, never as a selector.
 */
export function LivePath(props: { liveKey: string; path: readonly string[]; value: unknown }) {
  const text = displayValue(props.value)
  return (
    <span data-live={props.liveKey} data-path={JSON.stringify(props.path)} data-state={text}>
      {text}
    </span>
  )
}

/** How a stored value reads on a page: strings as they are, anything else as JSON. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return '—'
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** The link to the next page of a listing, when there is one. */
export function NextPage(props: { href: string | null; label: string }) {
  return props.href === null ? null : (
    <a class="next" href={props.href}>
      {props.label}
    </a>
  )
}

/** A path under the dashboard with a query, from parts that are encoded here. */
export function hrefOf(
  base: string,
  segments: readonly string[],
  query: Record<string, string> = {},
): string {
  const path = segments.map((segment) => `/${encodeURIComponent(segment)}`).join('')
  const search = new URLSearchParams(query).toString()
  return `${base}${path}${search === '' ? '' : `?${search}`}`
}

/**
 * "Newer units arrived" (or "more failed"): hidden until the live value's `field` differs
 * from `initial`, the value this page was drawn with; then it offers the link to redraw.
 */
export function ChangedNotice(props: {
  liveKey: string
  field: string
  initial: string | number | null
  text: string
  href: string
  linkText: string
}) {
  return (
    <p
      class="notice"
      role="status"
      data-live={props.liveKey}
      data-changed-field={props.field}
      data-initial={props.initial === null ? '—' : String(props.initial)}
      hidden
    >
      {`${props.text} `}
      <a href={props.href}>{props.linkText}</a>
    </p>
  )
}

export function ErrorPage(props: { code: string; message: string }) {
  return (
    <section class="error">
      <h1>{props.code}</h1>
      <p>{props.message}</p>
    </section>
  )
}
