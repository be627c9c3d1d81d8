import fc from 'fast-check'
import type { ManualClock } from '../../../domain/clock.js'
import { QUEUE_STATES } from '../../../domain/queue-item.js'
import type { Ledger } from '../../../ledger.js'
import type { QueueStore } from '../../../store/queue-store.js'
import type { Store } from '../../../store/store.js'
import { createMemoryStore } from '../../../stores/memory/memory-store.js'
import {
  Advance,
  type DiffCommand,
  type DifferentialFace,
  type DiffWorld,
} from '../differential.js'

/*
 * The differential model of tracked queues, through the store port: pushes (each naming the
 * policy a creating push gives the queue), pops, settles (some fenced to a start, some popping
 * the next item), heartbeats, retries, deletes, sweeps and policy changes, on ids that exist
 * and ids that do not, repeats with ops from a small pool, and clock moves past leases and
 * retention. The oracle is the rules of domain/queue-writes.ts as the memory store runs them.
 */

const QUEUES = ['q0', 'q1']
const ITEM_IDS = ['1', '2', '3', '4', '5', '6']
const SECOND = 1_000

type Call = (queues: QueueStore, queue: string) => Promise<unknown>

class QueueCommand implements DiffCommand {
  readonly label: string
  readonly #queue: string
  readonly #call: Call

  constructor(label: string, queue: string, call: Call) {
    this.label = `${label} on ${queue}`
    this.#queue = queue
    this.#call = call
  }

  run(ledger: Ledger, world: DiffWorld): Promise<unknown> {
    return this.#call(ledger.store.queues, world.id(this.#queue))
  }
}

const queue = fc.oneof(
  { arbitrary: fc.constant('q0'), weight: 6 },
  { arbitrary: fc.constant('q1'), weight: 1 },
)
const itemId = fc.oneof(
  { arbitrary: fc.constantFrom('1', '2'), weight: 4 },
  { arbitrary: fc.constantFrom(...ITEM_IDS), weight: 1 },
)
const op = fc.oneof(
  fc.constantFrom('op-a', 'op-b', 'op-c'),
  fc.integer({ min: 0, max: 2 ** 30 }).map((n) => `op-${n}`),
)
const policy = fc.record({
  leaseMs: fc.constantFrom(SECOND, 10 * SECOND),
  retainMs: fc.constantFrom(2 * SECOND, 60 * SECOND),
  maxAttempts: fc.constantFrom(1, 2, 3),
})
const start = fc.option(fc.integer({ min: 1, max: 3 }), { freq: 2 })

const push = fc
  .tuple(queue, fc.constantFrom('"a"', '{"n":1}', '"☃"'), op, policy)
  .map(
    ([q, data, o, p]) =>
      new QueueCommand(`push(${data}, ${o}, ${JSON.stringify(p)})`, q, (s, name) =>
        s.createAndPush({ name, creation: p }, data, o),
      ),
  )
const pop = fc
  .tuple(queue, op)
  .map(([q, o]) => new QueueCommand(`pop(${o})`, q, (s, name) => s.popAndStart(name, o)))
const settle = fc
  .tuple(queue, itemId, start, fc.boolean(), op, fc.boolean())
  .map(([q, id, st, finish, o, next]) => {
    const to = finish
      ? { to: 'finished' as const, result: '{"rows":1}' }
      : { to: 'failed' as const, errors: '["bad"]' }
    return new QueueCommand(`settle(${id}, ${st}, ${to.to}, ${o}, ${next})`, q, (s, name) =>
      s.settle(name, id, st, to, o, next),
    )
  })
const heartbeat = fc
  .tuple(queue, itemId, start, op)
  .map(
    ([q, id, st, o]) =>
      new QueueCommand(`heartbeat(${id}, ${st})`, q, (s, name) => s.heartbeat(name, id, st, o)),
  )
const retry = fc
  .tuple(queue, itemId, op)
  .map(([q, id, o]) => new QueueCommand(`retry(${id}, ${o})`, q, (s, name) => s.retry(name, id, o)))
const remove = fc
  .tuple(queue, itemId, op)
  .map(
    ([q, id, o]) =>
      new QueueCommand(`delete(${id}, ${o})`, q, (s, name) => s.deleteItem(name, id, o)),
  )
const reclaim = fc
  .tuple(queue, op)
  .map(([q, o]) => new QueueCommand('reclaim', q, (s, name) => s.reclaimExpired(name, o)))
const configure = fc
  .tuple(
    queue,
    fc.record({ leaseMs: fc.constantFrom(SECOND, 5 * SECOND) }, { requiredKeys: [] }),
    policy,
    op,
  )
  .map(
    ([q, changes, p, o]) =>
      new QueueCommand(`configure(${JSON.stringify(changes)})`, q, (s, name) =>
        s.configure({ name, creation: p }, changes, o),
      ),
  )
const advance = fc
  .constantFrom(500, 1_500, 3 * SECOND, 11 * SECOND, 61 * SECOND)
  .map((ms) => new Advance(ms))

const commands = fc.array(
  fc.oneof(
    { arbitrary: push, weight: 4 },
    { arbitrary: pop, weight: 4 },
    { arbitrary: settle, weight: 4 },
    { arbitrary: heartbeat, weight: 1 },
    { arbitrary: retry, weight: 2 },
    { arbitrary: remove, weight: 1 },
    { arbitrary: reclaim, weight: 2 },
    { arbitrary: configure, weight: 1 },
    { arbitrary: advance, weight: 3 },
  ),
  { minLength: 1, maxLength: 40 },
)

function queueOracle(clock: ManualClock): Store {
  return createMemoryStore({ clock })
}

/** Every read of each queue: summary, each item, and the first page of each state. */
async function snapshot(ledger: Ledger, world: DiffWorld): Promise<unknown> {
  const queues = ledger.store.queues
  return Promise.all(
    QUEUES.map(async (name) => {
      const q = world.id(name)
      return {
        summary: await queues.summary(q),
        items: await Promise.all(ITEM_IDS.map((id) => queues.getItem(q, id))),
        lists: await Promise.all(QUEUE_STATES.map((state) => queues.listItems(q, state, 0, 10))),
      }
    }),
  )
}

export const queueDifferentialFace: DifferentialFace = {
  name: 'queue',
  oracle: queueOracle,
  commands,
  snapshot,
}
