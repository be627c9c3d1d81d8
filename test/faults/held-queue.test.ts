// Redis-only: the writes of the tracked queue and of statuses with their reply lost (the proxy
// holds the reply, then resets the connection): each call answers its first execution's
// result and changes the queue or status once: one item per push, one start per pop (returned
// on the repeat, never orphaned), no INVALID_TRANSITION to the caller whose settle was applied,
// one increment. The memory store has no reply to lose; its repeats with the same opId are in
// the conformance suite (queue and status faces).
import { describe, expect, it } from 'vitest'
import type { Ledger } from '../../src/index.js'
import { useFaultFixture } from '../support/fault-fixture.js'
import { heldCase, recoveriesOf, runHeldCase } from '../support/fault-held.js'
import { FAULT_TRIALS } from '../support/fault-tools.js'

const f = useFaultFixture()
const QUEUE = 'held'

/** Two waiting items, the first `first`. */
async function twoWaiting(direct: Ledger) {
  const queue = direct.queue(QUEUE)
  const first = await queue.createAndPush({ n: 1 })
  await queue.createAndPush({ n: 2 })
  return { first }
}

/** One item, started by the faulty ledger (so its handle holds that start). */
async function oneRunning(direct: Ledger, faulty: Ledger) {
  await direct.queue(QUEUE).createAndPush({ n: 1 })
  const item = await faulty.queue(QUEUE).tryPopAndStart()
  return { item: item!, id: item!.id }
}

const counts = (direct: Ledger) => direct.queue(QUEUE).counts()
const popped = (id: string) => expect.objectContaining({ id, state: 'running', attempts: 1 })

const CASES = [
  heldCase({
    name: 'createAndPush() answers the id it stored and stores one item',
    scripts: ['createAndPush'],
    prepare: async () => ({}),
    act: (ledger, _context, options) => ledger.queue(QUEUE).createAndPush({ file: 'a' }, options),
    answer: () => expect.any(String),
    async check(direct, _context, _faulty, answered) {
      expect(await counts(direct)).toMatchObject({ waiting: 1, running: 0 })
      expect(await direct.queue(QUEUE).get(answered as string)).toMatchObject({
        state: 'waiting',
        data: { file: 'a' },
      })
    },
  }),
  heldCase({
    name: 'tryPopAndStart() answers the item it started and starts one',
    scripts: ['popAndStart'],
    prepare: twoWaiting,
    act: async (ledger, _context, options) =>
      (await ledger.queue(QUEUE).tryPopAndStart(options))?.toJSON(),
    answer: ({ first }) => popped(first),
    async check(direct) {
      expect(await counts(direct)).toMatchObject({ waiting: 1, running: 1 })
    },
  }),
  heldCase({
    name: 'popAndStart() answers the item it started and starts one',
    scripts: ['popAndStart'],
    prepare: twoWaiting,
    act: async (ledger, _context, options) =>
      (await ledger.queue(QUEUE).popAndStart({ timeoutMs: 2_000, ...options }))?.toJSON(),
    answer: ({ first }) => popped(first),
    async check(direct) {
      expect(await counts(direct)).toMatchObject({ waiting: 1, running: 1 })
    },
  }),
  heldCase({
    name: 'item.finish() answers the finished item, never INVALID_TRANSITION',
    scripts: ['settleItem'],
    prepare: oneRunning,
    act: async (_ledger, { item }, options) =>
      (await item.finish({ rows: 10 }, options)) as unknown,
    answer: ({ id }) => expect.objectContaining({ id, state: 'finished', result: { rows: 10 } }),
    async check(direct, { id }) {
      expect(await direct.queue(QUEUE).get(id)).toMatchObject({ state: 'finished', attempts: 1 })
      expect(await counts(direct)).toMatchObject({ running: 0, finished: 1 })
    },
  }),
  heldCase({
    name: 'item.fail() answers the failed item, never INVALID_TRANSITION',
    scripts: ['settleItem'],
    prepare: oneRunning,
    act: async (_ledger, { item }, options) => (await item.fail(['bad row 3'], options)) as unknown,
    answer: ({ id }) => expect.objectContaining({ id, state: 'failed' }),
    async check(direct) {
      expect(await counts(direct)).toMatchObject({ running: 0, failed: 1 })
    },
  }),
  heldCase({
    name: 'queue.retry() answers the waiting item and queues it once',
    scripts: ['retryItem'],
    async prepare(direct, faulty) {
      const { item, id } = await oneRunning(direct, faulty)
      await item.fail(['first try'])
      return { id }
    },
    act: (ledger, { id }, options) => ledger.queue(QUEUE).retry(id, options),
    answer: ({ id }) => expect.objectContaining({ id, state: 'waiting', attempts: 0 }),
    async check(direct, { id }) {
      expect(await counts(direct)).toMatchObject({ waiting: 1, failed: 0 })
      await expect(direct.queue(QUEUE).retry(id)).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
      })
    },
  }),
  heldCase({
    name: 'status progress.increment() counts once',
    scripts: ['writeStatus'],
    async prepare(direct) {
      const id = `s-${Math.random().toString(36).slice(2, 8)}`
      await direct.status(id).update({ total: 10 })
      return { id }
    },
    act: (ledger, { id }, options) => ledger.status(id).progress.increment(3, options),
    answer: () => undefined,
    async check(direct, { id }) {
      expect(await direct.getStatus(id)).toMatchObject({ progress: 3, total: 10 })
    },
  }),
]

describe('queue and status writes whose reply is lost (hold, then reset)', () => {
  for (const spec of CASES) {
    for (const recovery of recoveriesOf(spec)) {
      it(`${spec.name}: ${recovery}`, async () => {
        for (let trial = 0; trial < FAULT_TRIALS; trial++) await runHeldCase(f, recovery, spec)
      })
    }
  }
})
