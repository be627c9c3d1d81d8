/** Progress as a native <progress>: no inline style, so the CSP needs no 'unsafe-inline'. */
export function ProgressBar(props: { liveKey: string; value: number; max: number }) {
  return (
    <progress
      data-live={props.liveKey}
      data-value="done"
      data-max="total"
      value={props.value}
      max={Math.max(props.max, 1)}
    />
  )
}

/** A live text: the value at `field` of the watched unit. */
export function LiveText(props: { liveKey: string; field: string; text: string | number }) {
  return (
    <span data-live={props.liveKey} data-field={props.field} data-state={String(props.text)}>
      {String(props.text)}
    </span>
  )
}

/** "3 min ago", kept fresh by the page script. */
export function Age(props: { at: number; now: number }) {
  return (
    <time data-age datetime={new Date(props.at).toISOString()}>
      {describeAge(props.now - props.at)}
    </time>
  )
}

export function describeAge(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000))
  if (seconds < 60) return `${seconds} s ago`
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`
  return `${Math.floor(seconds / 86_400)} d ago`
}

export function ErrorPage(props: { code: string; message: string }) {
  return (
    <section class="error">
      <h1>{props.code}</h1>
      <p>{props.message}</p>
    </section>
  )
}
