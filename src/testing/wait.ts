/**
 * Polls `check` until it returns true, instead of sleeping a fixed time.
 * Rejects with `message` when `timeoutMs` passes first.
 */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  message: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    if (await check()) return
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting until ${message}`)
    await new Promise((resolve) => setTimeout(resolve, delay))
  }
}
