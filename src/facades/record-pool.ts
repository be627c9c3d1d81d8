import { truncateText } from '../domain/text.js'
import type { StopGate } from './stop-gate.js'

/**
 * Runs `work` over `items` with up to `concurrency` at once, taking a new item only while the
 * gate allows it. Returns how many items were taken (all of them unless the gate closed).
 */
export async function runRecordPool<T>(
  items: readonly T[],
  concurrency: number,
  gate: StopGate,
  work: (item: T) => Promise<void>,
): Promise<number> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      if (!(await gate.mayTake()) || next >= items.length) return
      await work(items[next++] as T)
    }
  }
  const workers = Math.max(1, Math.min(concurrency, items.length))
  await Promise.all(Array.from({ length: workers }, worker))
  return next
}

const MAX_MESSAGE_LENGTH = 4_096

/** `ErrorClass: message` for a thrown value, well-formed, cut to 4,096 characters between code points. */
export function describeThrown(error: unknown): string {
  let text: string
  if (error instanceof Error) {
    const ctor = (error as { constructor?: { name?: unknown } }).constructor?.name
    const name =
      error.name !== 'Error' || typeof ctor !== 'string' || ctor === '' ? error.name : ctor
    text = `${name}: ${error.message}`
  } else {
    text = `${typeof error === 'object' && error !== null ? 'Object' : typeof error}: ${String(error)}`
  }
  return truncateText(text.toWellFormed(), MAX_MESSAGE_LENGTH)
}
