import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../domain/clock.js'
import { isJobledgerError } from '../../errors/jobledger-error.js'
import { createLedger, type Ledger } from '../../ledger.js'
import type { Store } from '../../store/store.js'
import type { HarnessNamespace, StoreHarness } from '../conformance/harness.js'

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

export interface DifferentialFace {
  name: string
  /** The oracle: the domain model of this face (other faces may be any store). */
  oracle(clock: ManualClock): Store
  commands: fc.Arbitrary<DiffCommand[]>
  /** Reads compared after every step (plain data). */
  snapshot(ledger: Ledger, world: DiffWorld): Promise<unknown>
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

interface Sides {
  oracle: Ledger
  subject: Ledger
  oracleClock: ManualClock
  subjectClock: ManualClock
}

async function step(command: DiffCommand, sides: Sides, world: DiffWorld): Promise<void> {
  if (command instanceof Advance) {
    sides.oracleClock.advance(command.ms)
    sides.subjectClock.advance(command.ms)
    return
  }
  const expected = await outcomeOf(() => command.run(sides.oracle, world))
  const actual = await outcomeOf(() => command.run(sides.subject, world))
  expect(actual, command.label).toEqual(expected)
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
        const oracleClock = new ManualClock(START)
        const subjectClock = new ManualClock(START)
        const namespace: HarnessNamespace = await harness.namespace({ clock: subjectClock })
        const oracleStore = face.oracle(oracleClock)
        const sides: Sides = {
          oracle: createLedger({ store: oracleStore }),
          subject: namespace.ledger(),
          oracleClock,
          subjectClock,
        }
        const world: DiffWorld = { id: (name) => `r${run}-${name}`, now: () => oracleClock.now() }
        try {
          for (const command of commands) {
            await step(command, sides, world)
            const expected = await face.snapshot(sides.oracle, world)
            expect(await face.snapshot(sides.subject, world), `after ${command.label}`).toEqual(
              expected,
            )
          }
        } finally {
          await sides.oracle.close()
          await oracleStore.close()
          await namespace.close()
        }
      })
      await fc.assert(property, differentialSettings(defaultRuns))
    })
  })
}
