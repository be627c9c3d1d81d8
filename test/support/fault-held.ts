import { expect } from 'vitest'
import type { WriteOptions } from '../../src/facades/write-runner.js'
import { isJobledgerError, type Ledger, type LedgerOptions } from '../../src/index.js'
import { SCRIPTS } from '../../src/stores/redis/scripts.generated.js'
import { eventually } from '../../src/testing/wait.js'
import { type FaultFixture, UNAVAILABLE } from './fault-fixture.js'
import type { FaultProxy } from './fault-proxy.js'

export type ScriptName = keyof typeof SCRIPTS

/** How a call ended: its answer, or what it threw. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown }

/** What a request for one of these scripts looks like on the wire: EVALSHA's sha, EVAL's header. */
export function markersOf(scripts: readonly ScriptName[]): string[] {
  return scripts.flatMap((name) => [SCRIPTS[name].sha, `--[[ ${SCRIPTS[name].name}\n`])
}

/**
 * Runs `call` with the proxy holding replies from the first request for one of `scripts` on:
 * waits until Redis has answered that request (so the write ran and nobody heard), resets
 * every connection (the held replies are dropped) and lets traffic flow again. Resolves with
 * how the call ended: after the ledger's own retries, or with the error the caller sees.
 */
export function holdThenReset<T>(
  proxy: FaultProxy,
  scripts: readonly ScriptName[],
  call: () => Promise<T>,
): Promise<Settled<T>> {
  return holdFromThenReset(proxy, markersOf(scripts), call)
}

/** holdThenReset from the first request that contains one of `markers` (e.g. a command name). */
export async function holdFromThenReset<T>(
  proxy: FaultProxy,
  markers: readonly string[],
  call: () => Promise<T>,
): Promise<Settled<T>> {
  const heldBefore = proxy.stats.heldChunks
  await proxy.setMode({ kind: 'hold', from: markers })
  let ended = false
  const settled = call().then(
    (value): Settled<T> => ({ ok: true, value }),
    (error: unknown): Settled<T> => ({ ok: false, error }),
  )
  void settled.then(() => {
    ended = true
  })
  await eventually(
    () => proxy.stats.heldChunks > heldBefore || ended,
    `Redis answered ${markers.join(' or ')} and the reply is held`,
  )
  expect(ended, 'the call ended before its reply was lost').toBe(false)
  proxy.reset()
  await proxy.setMode({ kind: 'forward' })
  return settled
}

/** The opId an ambiguous STORE_UNAVAILABLE names, for the caller to repeat the call with. */
export function opIdToRepeat(settled: Settled<unknown>): string {
  expect(settled.ok, 'the call failed when its reply was lost').toBe(false)
  const { error } = settled as { error: { details: { opId: string } } }
  expect(error).toMatchObject({ ...UNAVAILABLE, details: { ambiguous: true } })
  expect(typeof error.details.opId).toBe('string')
  return error.details.opId
}

/** How the call is repeated after its reply was lost. */
export type Recovery = 'the ledger retries' | 'the caller repeats with the opId'

/** Retries of the ledger that faces the faults, for each way of recovering. */
export function retryFor(recovery: Recovery): LedgerOptions['retry'] {
  return recovery === 'the ledger retries'
    ? { attempts: 8, minDelayMs: 20, maxDelayMs: 200 }
    : { attempts: 1 }
}

/**
 * Two ledgers on one prefix: `faulty` talks to Redis through the proxy (a command timeout far
 * above the test's own steps, so the reset, not the timeout, ends the call); `direct` reads
 * and prepares without faults.
 */
export async function heldLedgers(
  f: FaultFixture,
  recovery: Recovery,
  options: LedgerOptions = {},
): Promise<{ faulty: Ledger; direct: Ledger; prefix: string }> {
  const prefix = `h${Math.random().toString(36).slice(2, 10)}`
  const proxy = await f.startProxy()
  const faulty = f.ledgerVia(proxy.url, {
    prefix,
    retry: retryFor(recovery),
    connection: { commandTimeoutMs: 10_000 },
    ...options,
  })
  const direct = f.ledgerVia(f.redis.url, { prefix, ...options })
  // Every script is known to Redis first: a held NOSCRIPT reply would prove nothing.
  for (const script of Object.values(SCRIPTS)) await f.admin.script('LOAD', script.lua)
  return { faulty, direct, prefix }
}

/**
 * One operation under hold-then-reset: `prepare` builds the unit without faults, `act` is the
 * call whose reply is lost, `answer` what its first execution answers, `check` that the state
 * changed once. `repeatable: false` for a call that takes no `{ opId }` (only the ledger's own
 * retry can repeat it).
 */
export interface HeldCase<C, T> {
  name: string
  scripts: readonly ScriptName[]
  options?: LedgerOptions
  repeatable?: boolean
  prepare(direct: Ledger, faulty: Ledger): Promise<C>
  act(ledger: Ledger, context: C, options?: WriteOptions): Promise<T>
  answer(context: C): unknown
  check(direct: Ledger, context: C, faulty: Ledger, answered: T): Promise<void>
}

/** Declares a case with its context type inferred. */
export function heldCase<C, T>(spec: HeldCase<C, T>): HeldCase<C, T> {
  return spec
}

/** Runs one case: the reply of `act`'s write is lost, the call recovers, the state is checked. */
export async function runHeldCase(
  f: FaultFixture,
  recovery: Recovery,
  spec: HeldCase<unknown, unknown>,
): Promise<void> {
  const { faulty, direct } = await heldLedgers(f, recovery, spec.options)
  const context = await spec.prepare(direct, faulty)
  const first = await holdThenReset(f.proxy, spec.scripts, () => spec.act(faulty, context))
  const answered =
    recovery === 'the ledger retries'
      ? first
      : await repeatUntilAnswered(() => spec.act(faulty, context, { opId: opIdToRepeat(first) }))
  expect(answered).toEqual({ ok: true, value: spec.answer(context) })
  await spec.check(direct, context, faulty, (answered as { value: unknown }).value)
  await Promise.all([faulty.close(), direct.close()])
  await f.proxy.close()
}

async function settle<T>(call: () => Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await call() }
  } catch (error) {
    return { ok: false, error }
  }
}

/**
 * Repeats `call` the way a worker would after STORE_UNAVAILABLE (the connection may still be
 * coming back) until it answers or fails otherwise.
 */
export async function repeatUntilAnswered<T>(
  call: () => Promise<T>,
  timeoutMs = 10_000,
): Promise<Settled<T>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const settled = await settle(call)
    if (settled.ok || !isJobledgerError(settled.error)) return settled
    if (settled.error.code !== 'STORE_UNAVAILABLE' || Date.now() > deadline) return settled
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** The recoveries a case is run with. */
export function recoveriesOf(spec: HeldCase<unknown, unknown>): readonly Recovery[] {
  return spec.repeatable === false ? RECOVERIES.slice(0, 1) : RECOVERIES
}

export const RECOVERIES: readonly Recovery[] = [
  'the ledger retries',
  'the caller repeats with the opId',
]
