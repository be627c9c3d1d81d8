import { JsonView } from './json-view.js'

/** The parts of a stored error the pages show; anything else stays JSON. */
export interface ErrorParts {
  name: string
  message: string
  stack: string | null
  /** Other fields of the error object, or the whole value when it is not an error. */
  rest: unknown
}

/**
 * Reads a stored error: `{ name, message, stack? }` objects (what fail() and track() keep),
 * plain strings, or any other JSON (shown as JSON).
 */
export function errorParts(error: unknown): ErrorParts {
  if (typeof error === 'string') return { name: '', message: error, stack: null, rest: null }
  if (typeof error !== 'object' || error === null || Array.isArray(error)) {
    return { name: '', message: '', stack: null, rest: error ?? null }
  }
  const { name, message, stack, ...rest } = error as Record<string, unknown>
  if (typeof message !== 'string') return { name: '', message: '', stack: null, rest: error }
  return {
    name: typeof name === 'string' ? name : '',
    message,
    stack: typeof stack === 'string' ? stack : null,
    rest: Object.keys(rest).length === 0 ? null : rest,
  }
}

/** One error: class and message, then the stack trace and other fields collapsed. */
export function ErrorView({ error }: { error: unknown }) {
  const parts = errorParts(error)
  return (
    <div class="error-entry">
      {parts.message === '' ? null : (
        <p class="error-line">
          {parts.name === '' ? null : <strong class="error-class">{parts.name}</strong>}
          {parts.name === '' ? null : ': '}
          <span class="error-message">{parts.message}</span>
        </p>
      )}
      {parts.stack === null ? null : (
        <details class="stack">
          <summary>Stack trace</summary>
          <pre>{parts.stack}</pre>
        </details>
      )}
      {parts.rest === null ? null : <JsonView value={parts.rest} />}
    </div>
  )
}

/** A list of stored errors (a failed queue item's), each with ErrorView. */
export function ErrorList({ errors }: { errors: readonly unknown[] | null }) {
  if (!errors || errors.length === 0) return <span class="muted">—</span>
  return (
    <div class="errors-list">
      {errors.map((error) => (
        <ErrorView error={error} />
      ))}
    </div>
  )
}
