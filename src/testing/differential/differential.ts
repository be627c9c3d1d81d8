import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createLedger } from '../../create-ledger.js'
import { ManualClock } from '../../domain/clock.js'
import { isJobledgerError } from '../../errors/jobledger-error.js'
import type { Ledger } from '../../ledger.js'
import type { Store } from '../../store/store.js'
import type {
  HarnessLedgerOptions,
  HarnessNamespace,
  StoreHarness,
} from '../conformance/harness.js'

/*
 * The differential suite: random command sequences run on a store under test and on the
 * domain model (an oracle store built from the pure rules in src/domain over plain data),
 * both judging time by manual clocks moved in step. Every reply (a value, or an error's
 * code) and every read after every step must be equal.
 */

/** What a command may use: this run's ids and both clocks' time. */
export interface DiffWorld {
  /** A stable id for `name` within this run (runs share one namespace). */
  id(name: string): string
  /** The time both clocks show. */
  now(): number
}

/** One step: the same call made on the oracle and on the store under test. */
export interface DiffCommand {
  readonly label: string
  run(ledger: Ledger, world: DiffWorld): Promise<unknown>
}

/** A pseudo-command that moves both clocks; the runner applies it. */
export class Advance implements DiffCommand {
  readonly label: string
  readonly ms: number

  constructor(ms: number) {
    this.ms = ms
    this.label = `advance(${ms})`
  }

  async run(): Promise<unknown> {
    return null
  }
}

/**
 * Several calls started together (e.g. a Promise.all): the store under test may run them in
 * any order, so its answer is right when the oracle gives the same answer and reads for one
 * of the orders. Each order is a sequential command whose answer has the concurrent one's shape.
 */
export interface ConcurrentCommand extends DiffCommand {
  orders(): DiffCommand[]
}

function isConcurrent(command: DiffCommand): command is ConcurrentCommand {
  return typeof (command as Partial<ConcurrentCommand>).orders === 'function'
}

export interface DifferentialFace {
  name: string
  /** The oracle: the domain model of this face (other faces may be any store). */
  oracle(clock: ManualClock): Store
  commands: fc.Arbitrary<DiffCommand[]>
  /** Reads compared after every step (plain data). */
  snapshot(ledger: Ledger, world: DiffWorld): Promise<unknown>
  /** Options both sides' ledgers get (a dispatch that is a pure function of the payload). */
  ledgerOptions?: HarnessLedgerOptions
}

/** An outcome made comparable: the value, or the error's code (messages may differ in ids). */
export type Outcome = { ok: unknown } | { refused: string }

export async function outcomeOf(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: await call() }
  } catch (error) {
    if (isJobledgerError(error)) return { refused: error.code }
    throw error
  }
}

/** Runs per test, and the seed: `JOBLEDGER_DIFF_RUNS` / `JOBLEDGER_DIFF_SEED` for long runs. */
export function differentialSettings(defaultRuns: number): { numRuns: number; seed: number } {
  const runs = Number(process.env.JOBLEDGER_DIFF_RUNS ?? defaultRuns)
  const seed = Number(process.env.JOBLEDGER_DIFF_SEED ?? 20261201)
  return { numRuns: Number.isSafeInteger(runs) && runs > 0 ? runs : defaultRuns, seed }
}

const START = Date.UTC(2026, 0, 1)

interface Oracle {
  ledger: Ledger
  store: Store
  clock: ManualClock
}

interface Sides {
  oracle: Oracle
  subject: Ledger
  subjectClock: ManualClock
  /** The steps so far, as the oracle ran them (a concurrent step as the order that matched). */
  history: DiffCommand[]
}

function newOracle(face: DifferentialFace): Oracle {
  const clock = new ManualClock(START)
  const store = face.oracle(clock)
  return { ledger: createLedger({ ...face.ledgerOptions, store }), store, clock }
}

async function closeOracle(oracle: Oracle): Promise<void> {
  await oracle.ledger.close()
  await oracle.store.close()
}

async function apply(command: DiffCommand, oracle: Oracle, world: DiffWorld): Promise<Outcome> {
  if (command instanceof Advance) {
    oracle.clock.advance(command.ms)
    return { ok: null }
  }
  return outcomeOf(() => command.run(oracle.ledger, world))
}

function equal(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b)
    return true
  } catch {
    return false
  }
}

/**
 * A concurrent step: the subject runs it at once; a fresh oracle replays the history and then
 * each order in turn until one gives the subject's answer and reads. That oracle goes on.
 */
async function concurrentStep(
  face: DifferentialFace,
  command: ConcurrentCommand,
  sides: Sides,
  world: DiffWorld,
): Promise<void> {
  const actual = await outcomeOf(() => command.run(sides.subject, world))
  const reads = await face.snapshot(sides.subject, world)
  const orders = command.orders()
  for (const [n, order] of orders.entries()) {
    const oracle = newOracle(face)
    for (const earlier of sides.history) await apply(earlier, oracle, world)
    const expected = await apply(order, oracle, world)
    const expectedReads = await face.snapshot(oracle.ledger, world)
    const last = n === orders.length - 1
    if (last || (equal(actual, expected) && equal(reads, expectedReads))) {
      await closeOracle(sides.oracle)
      sides.oracle = oracle
      sides.history.push(order)
      if (last) {
        expect(actual, `${command.label}: no order matches; the last one`).toEqual(expected)
        expect(reads, `after ${command.label}: no order matches; the last one`).toEqual(
          expectedReads,
        )
      }
      return
    }
    await closeOracle(oracle)
  }
}

async function step(
  face: DifferentialFace,
  command: DiffCommand,
  sides: Sides,
  world: DiffWorld,
): Promise<void> {
  if (isConcurrent(command)) return concurrentStep(face, command, sides, world)
  sides.history.push(command)
  if (command instanceof Advance) {
    sides.oracle.clock.advance(command.ms)
    sides.subjectClock.advance(command.ms)
  } else {
    const expected = await outcomeOf(() => command.run(sides.oracle.ledger, world))
    const actual = await outcomeOf(() => command.run(sides.subject, world))
    expect(actual, command.label).toEqual(expected)
  }
  const expectedReads = await face.snapshot(sides.oracle.ledger, world)
  expect(await face.snapshot(sides.subject, world), `after ${command.label}`).toEqual(expectedReads)
}

/** Registers one differential test of `face` against `harness`. */
export function runDifferential(
  harness: StoreHarness,
  face: DifferentialFace,
  defaultRuns = 20,
): void {
  describe(`differential model: ${face.name} on ${harness.name}`, () => {
    it('answers every random command sequence as the domain model does', async () => {
      let run = 0
      const property = fc.asyncProperty(face.commands, async (commands) => {
        run++
        const subjectClock = new ManualClock(START)
        const namespace: HarnessNamespace = await harness.namespace({ clock: subjectClock })
        const sides: Sides = {
          oracle: newOracle(face),
          subject: namespace.ledger(face.ledgerOptions),
          subjectClock,
          history: [],
        }
        const world: DiffWorld = { id: (name) => `r${run}-${name}`, now: () => subjectClock.now() }
        try {
          for (const command of commands) await step(face, command, sides, world)
        } finally {
          await closeOracle(sides.oracle)
          await namespace.close()
        }
      })
      await fc.assert(property, differentialSettings(defaultRuns))
    })
  })
}
