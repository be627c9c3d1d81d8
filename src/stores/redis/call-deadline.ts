/** Thrown when Redis did not answer before a call's deadline. */
export class NoReplyError extends Error {
  constructor(waitedMs: number) {
    super(`no reply within ${waitedMs} ms`)
    this.name = 'NoReplyError'
  }
}

/**
 * Settles like `promise`, or rejects with `onTimeout()` once `deadline` (ms since the epoch)
 * has passed. The promise itself is not cancelled; a late answer is dropped.
 */
export function withDeadline<T>(
  promise: Promise<T>,
  deadline: number,
  onTimeout: () => Error,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), Math.max(0, deadline - Date.now()))
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}
