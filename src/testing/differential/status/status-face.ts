import fc from 'fast-check'
import type { ManualClock } from '../../../domain/clock.js'
import { STATUS_STATES } from '../../../domain/status-state.js'
import type { UnitRef } from '../../../domain/unit-ref.js'
import type { Ledger } from '../../../ledger.js'
import type { StatusPatch, StatusStore } from '../../../store/status-store.js'
import type { Store } from '../../../store/store.js'
import { createMemoryStore } from '../../../stores/memory/memory-store.js'
import {
  Advance,
  type DiffCommand,
  type DifferentialFace,
  type DiffWorld,
} from '../differential.js'
import { NaiveStatusStore } from './naive-statuses.js'

/*
 * The differential model of statuses, through the store port: writes of random patches
 * (states, totals, progress, increments, finish, fields, some over a small field limit),
 * repeats with ops from a small pool (a status remembers its last 64), ttl changes, creating
 * ttls that differ per write (only the creating one counts) and clock moves past the deadline.
 */

const IDS = ['s0', 's1']
const SECOND = 1_000

type Call = (statuses: StatusStore, id: string, world: DiffWorld) => Promise<unknown>

class StatusCommand implements DiffCommand {
  readonly label: string
  readonly #id: string
  readonly #call: Call

  constructor(label: string, id: string, call: Call) {
    this.label = `${label} on ${id}`
    this.#id = id
    this.#call = call
  }

  run(ledger: Ledger, world: DiffWorld): Promise<unknown> {
    return this.#call(ledger.store.statuses, world.id(this.#id), world)
  }
}

const id = fc.constantFrom(...IDS)
const op = fc.oneof(
  fc.constantFrom('op-a', 'op-b', 'op-c'),
  fc.integer({ min: 0, max: 2 ** 30 }).map((n) => `op-${n}`),
)
const ttl = fc.constantFrom(SECOND, 10 * SECOND, 60 * SECOND)
const patch: fc.Arbitrary<StatusPatch> = fc
  .record({
    state: fc.option(fc.constantFrom(...STATUS_STATES), { nil: undefined }),
    total: fc.option(fc.nat(100), { nil: undefined }),
    progress: fc.option(fc.nat(100), { nil: undefined }),
    increment: fc.integer({ min: -3, max: 5 }),
    finish: fc.boolean(),
    fields: fc.dictionary(fc.constantFrom('step', 'é', 'n'), fc.constantFrom('"A"', '1', '"☃☃"')),
  })
  .map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as never)

const subject = fc.constantFrom<UnitRef | null>(
  null,
  { kind: 'job', id: 'j' },
  { kind: 'queue-item', queue: 'q', id: '1' },
)
const write = fc
  .tuple(id, patch, op, ttl, fc.constantFrom(64 * 1024, 64 * 1024, 12), subject)
  .map(
    ([s, p, o, t, max, u]) =>
      new StatusCommand(
        `write(${JSON.stringify(p)}, ${o}, ttl ${t}, max ${max}, subject ${JSON.stringify(u)})`,
        s,
        (st, sid) => st.writeStatus({ id: sid, creation: { ttlMs: t }, subject: u }, p, max, o),
      ),
  )
const setTtl = fc
  .tuple(id, ttl, op)
  .map(([s, t, o]) => new StatusCommand(`setTtl(${t}, ${o})`, s, (st, sid) => st.setTtl(sid, t, o)))
const advance = fc.constantFrom(200, 900, 5 * SECOND, 20 * SECOND).map((ms) => new Advance(ms))

const commands = fc.array(
  fc.oneof(
    { arbitrary: write, weight: 6 },
    { arbitrary: setTtl, weight: 1 },
    { arbitrary: advance, weight: 2 },
  ),
  { minLength: 1, maxLength: 30 },
)

function statusOracle(clock: ManualClock): Store {
  return { ...createMemoryStore({ clock }), statuses: new NaiveStatusStore(clock) }
}

async function snapshot(ledger: Ledger, world: DiffWorld): Promise<unknown> {
  const statuses = ledger.store.statuses
  return Promise.all(
    IDS.map(async (name) => ({
      record: await statuses.readStatus(world.id(name)),
      ttlMs: await statuses.ttlMs(world.id(name)),
    })),
  )
}

export const statusDifferentialFace: DifferentialFace = {
  name: 'status',
  oracle: statusOracle,
  commands,
  snapshot,
}
