import fc from 'fast-check'
import type { ManualClock } from '../../../domain/clock.js'
import { SIGNALS } from '../../../domain/signals.js'
import { isCallbackPayload } from '../../../facades/callback-payload.js'
import type { DispatchPayload } from '../../../facades/stage-payload.js'
import type { Ledger } from '../../../ledger.js'
import type { Store } from '../../../store/store.js'
import { createMemoryStore } from '../../../stores/memory/memory-store.js'
import {
  Advance,
  type DiffCommand,
  type DifferentialFace,
  type DiffWorld,
} from '../differential.js'
import { NaiveCallbackIndex } from './naive-callback-index.js'

/*
 * The differential model of the callback index, through the public API: callbacks registered
 * on jobs, parts settled, jobs closed and stopped, recovery (cleanupOrphans) with several
 * cutoffs, clock moves. A callback named `broken` always fails to dispatch, so it stays due
 * and recovery meets it again. After every step the index (units, next checks, size) and each
 * job's outbox must be the oracle's.
 */

const JOBS = ['j0', 'j1']
const PARTS = ['a', 'b', 'c']
const SECOND = 1_000
/** Later than any run's clock: reads the whole index. */
const FAR = Date.UTC(2100, 0, 1)

/** The same dispatch on both sides: a pure function of the payload. */
function dispatch(payload: DispatchPayload): void {
  if (isCallbackPayload(payload) && payload.name === 'broken') throw new Error('queue down')
}

class LedgerCommand implements DiffCommand {
  readonly label: string
  readonly #call: (ledger: Ledger, world: DiffWorld) => Promise<unknown>

  constructor(label: string, call: (ledger: Ledger, world: DiffWorld) => Promise<unknown>) {
    this.label = label
    this.#call = call
  }

  run(ledger: Ledger, world: DiffWorld): Promise<unknown> {
    return this.#call(ledger, world)
  }
}

const job = fc.constantFrom(...JOBS)
const part = fc.constantFrom(...PARTS)
const signal = fc.constantFrom(...SIGNALS)
const name = fc.constantFrom('notify', 'report', 'broken')

const on = fc
  .tuple(job, signal, name)
  .map(
    ([j, s, n]) =>
      new LedgerCommand(`on(${j}, ${s}, ${n})`, (ledger, world) =>
        ledger.job(world.id(j)).on(s, { name: n, args: [j] }),
      ),
  )
const push = fc
  .tuple(job, fc.subarray(PARTS, { minLength: 1 }))
  .map(
    ([j, ps]) =>
      new LedgerCommand(`push(${j}, ${ps.join(' ')})`, (ledger, world) =>
        ledger.job(world.id(j)).push(...ps),
      ),
  )
const close = job.map(
  (j) => new LedgerCommand(`close(${j})`, (ledger, world) => ledger.job(world.id(j)).close()),
)
const settle = fc
  .tuple(job, part, fc.boolean())
  .map(
    ([j, p, ok]) =>
      new LedgerCommand(`${ok ? 'done' : 'fail'}(${j}, ${p})`, (ledger, world) =>
        ok ? ledger.job(world.id(j)).done(p) : ledger.job(world.id(j)).fail(p, 'x'),
      ),
  )
const stop = job.map(
  (j) => new LedgerCommand(`stop(${j})`, (ledger, world) => ledger.job(world.id(j)).stop()),
)
const cleanup = fc
  .constantFrom(0, SECOND, 60 * SECOND)
  .map(
    (ms) =>
      new LedgerCommand(`cleanupOrphans(${ms})`, (ledger) =>
        ledger.cleaner.cleanupOrphans({ olderThanMs: ms }),
      ),
  )
const advance = fc.constantFrom(500, 2 * SECOND, 90 * SECOND).map((ms) => new Advance(ms))

const commands = fc.array(
  fc.oneof(
    { arbitrary: on, weight: 3 },
    { arbitrary: push, weight: 3 },
    { arbitrary: close, weight: 2 },
    { arbitrary: settle, weight: 5 },
    { arbitrary: stop, weight: 1 },
    { arbitrary: cleanup, weight: 2 },
    { arbitrary: advance, weight: 2 },
  ),
  { minLength: 1, maxLength: 30 },
)

function callbacksOracle(clock: ManualClock): Store {
  return { ...createMemoryStore({ clock }), callbackIndex: new NaiveCallbackIndex() }
}

async function snapshot(ledger: Ledger, world: DiffWorld): Promise<unknown> {
  const { callbackIndex, jobs } = ledger.store
  const [units, size, outboxes] = await Promise.all([
    callbackIndex.due(FAR, 100),
    callbackIndex.size(),
    Promise.all(JOBS.map((j) => jobs.readOutbox(world.id(j)))),
  ])
  return { units, size, outboxes }
}

export const callbacksDifferentialFace: DifferentialFace = {
  name: 'callback index',
  oracle: callbacksOracle,
  commands,
  snapshot,
  ledgerOptions: { dispatch },
}
