import { validateSignal } from '../domain/callback-specs.js'
import { optionsOf } from '../domain/options.js'
import type { Signal, SignalTimes } from '../domain/signals.js'
import { InvalidArgumentError, JobledgerError } from '../errors/jobledger-error.js'
import type { Store } from '../store/store.js'
import { type SignalEvent, type SignalKind, signalTopic, toSignalEvent } from './signal-notices.js'

export interface WaitUntilOptions {
  /** Give up after this many ms with a TIMEOUT error; default: wait as long as it takes. */
  timeoutMs?: number
  /** Give up when this aborts, with an ABORTED error. */
  signal?: AbortSignal
}

/** How often a wait reads the unit even without a notice (a writer that died before publishing). */
const POLL_MS = 1_000

export interface WaitTarget<T> {
  kind: SignalKind
  id: string
  scope: string
  /** The unit's summary; null while it does not exist (or once it is gone). */
  read: () => Promise<T | null>
  signalsOf: (value: T) => SignalTimes
  /** What to resolve with when a notice arrives and the details are already gone. */
  gone?: (event: SignalEvent) => T
}

interface WaitContext {
  store: Store
  closing: AbortSignal
}

function checkedOptions(options: unknown): { timeoutMs: number | null; abort: AbortSignal | null } {
  const { timeoutMs, signal } = optionsOf(
    options as WaitUntilOptions | undefined,
    'waitUntil options',
  )
  if (timeoutMs !== undefined && !(typeof timeoutMs === 'number' && timeoutMs >= 0))
    throw new InvalidArgumentError(
      `timeoutMs must be a non-negative number of ms, got ${String(timeoutMs)}.`,
    )
  if (signal !== undefined && !(signal instanceof AbortSignal))
    throw new InvalidArgumentError('signal must be an AbortSignal.')
  return { timeoutMs: timeoutMs ?? null, abort: signal ?? null }
}

function waitError(
  code: 'TIMEOUT' | 'ABORTED' | 'CLOSED',
  target: WaitTarget<unknown>,
  signal: Signal,
) {
  const what = `${target.kind} ${target.id}${target.scope ? ` (${target.scope})` : ''}`
  const why = {
    TIMEOUT: 'the timeout passed first; wait longer, or check it with `jobledger doctor`',
    ABORTED: 'the wait was aborted',
    CLOSED: 'the ledger was closed',
  }[code]
  return new JobledgerError(code, `Stopped waiting for ${what} to be ${signal}: ${why}.`, {
    details: { kind: target.kind, id: target.id, scope: target.scope, signal },
  })
}

/**
 * Resolves with the unit's summary once `signal` has fired (also when it fired before the
 * call): woken by the signalling write's notice, and reading the unit every second besides.
 */
export async function waitUntil<T>(
  context: WaitContext,
  target: WaitTarget<T>,
  signal: unknown,
  options: unknown,
): Promise<T> {
  const wanted = validateSignal(signal)
  const { timeoutMs, abort } = checkedOptions(options)
  if (abort?.aborted) throw waitError('ABORTED', target as WaitTarget<unknown>, wanted)
  return new Promise<T>((resolve, reject) => {
    const stops: (() => void)[] = []
    let over = false
    const finish = (settle: () => void) => {
      if (over) return
      over = true
      for (const stop of stops) stop()
      settle()
    }
    const fail = (code: 'TIMEOUT' | 'ABORTED' | 'CLOSED') => () =>
      finish(() => reject(waitError(code, target as WaitTarget<unknown>, wanted)))
    const check = async (event: SignalEvent | null) => {
      const value = await target.read().catch(() => null)
      if (value !== null && target.signalsOf(value)[wanted] !== null)
        return finish(() => resolve(value))
      if (event && value === null && target.gone) {
        const gone = target.gone
        finish(() => resolve(gone(event)))
      }
    }
    const onAbort = fail('ABORTED')
    const onClose = fail('CLOSED')
    abort?.addEventListener('abort', onAbort, { once: true })
    context.closing.addEventListener('abort', onClose, { once: true })
    stops.push(() => abort?.removeEventListener('abort', onAbort))
    stops.push(() => context.closing.removeEventListener('abort', onClose))
    if (timeoutMs !== null) {
      const timer = setTimeout(fail('TIMEOUT'), timeoutMs)
      stops.push(() => clearTimeout(timer))
    }
    const poll = setInterval(() => void check(null), POLL_MS)
    poll.unref?.()
    stops.push(() => clearInterval(poll))
    const topic = signalTopic(target.kind, wanted)
    context.store.events
      .subscribe(topic, ({ payload }) => {
        const event = toSignalEvent(payload)
        if (event && event.id === target.id && event.scope === target.scope) void check(event)
      })
      .then(
        (unsubscribe) => {
          if (over) return void unsubscribe().catch(() => {})
          stops.push(() => void unsubscribe().catch(() => {}))
          void check(null)
        },
        (error: unknown) => finish(() => reject(error)),
      )
  })
}
