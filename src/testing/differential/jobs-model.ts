import fc from 'fast-check'
import { SIGNALS } from '../../domain/signals.js'
import type { Ledger } from '../../ledger.js'
import {
  Advance,
  type DiffCommand,
  type DifferentialFace,
  type DiffWorld,
  outcomeOf,
} from './differential.js'
import {
  AddBatch,
  BatchWrite,
  Callback,
  Close,
  JOB_TTL_MS,
  jobOf,
  Push,
  Report,
  SetTtl,
  Settle,
  Stop,
  Together,
  Track,
} from './jobs-commands.js'
import { jobsOracleStore } from './jobs-oracle.js'

/*
 * The differential model of distributed jobs and batches: random sequences of pushes,
 * closes, settles, stops, ttl changes, batches and their tracker reports, moves, removals and
 * completions, callbacks and confirmations, bad input among them, repeats with a fixed opId,
 * calls started together and clock moves past the ttl; after each step every read of both
 * jobs (summary, compact summary, report, open parts, failures pages, batches and their
 * items, outcomes pages, outbox, callbacks, expiresIn) must equal the oracle's.
 */

const JOBS = ['j0', 'j1']
const PARTS = ['0', '1', '2', '7', 'a', 'b']
/** Parts no push may take: a batch's reserved name and one no id may be. */
const BAD_PARTS = ['batch-1', 'a b']
const ITEMS = ['x', 'ys', 'ze', 'wm', 'v']
const SETS = ['pending', 'later']

const job = fc.constantFrom(...JOBS)
const op = fc.constantFrom<string | null>(null, null, 'opA', 'opB')
const part = fc.constantFrom(...PARTS)
const index = fc.integer({ min: 0, max: 2 })
const items = fc.subarray(ITEMS, { minLength: 0, maxLength: 4 })

const push = fc
  .tuple(
    job,
    fc.array(fc.oneof(part, part, part, fc.constantFrom(...BAD_PARTS)), {
      minLength: 1,
      maxLength: 3,
    }),
    fc.boolean(),
    fc.boolean(),
    op,
  )
  .map(([j, parts, close, other, o]) => new Push(j, parts, close, other && !close, o))
const settle = fc.tuple(job, part, fc.boolean(), op).map(([j, p, f, o]) => new Settle(j, p, f, o))
const report = fc
  .tuple(job, index, fc.subarray(ITEMS), fc.subarray(ITEMS), fc.boolean(), op)
  .map(
    ([j, i, processed, skipped, complete, o]) =>
      new Report(j, { index: i, processed, skipped, errored: [], missing: [], complete }, o),
  )
const batchWrite = fc
  .tuple(
    job,
    index,
    fc.oneof(
      fc.constant({ kind: 'complete' as const }),
      fc
        .tuple(fc.constantFrom(...SETS), fc.constantFrom(...SETS), items)
        .map(([from, to, ids]) => ({
          kind: 'move' as const,
          from,
          to,
          ids,
        })),
      fc.constantFrom(...SETS).map((set) => ({ kind: 'remove' as const, set })),
    ),
    op,
  )
  .map(([j, i, action, o]) => new BatchWrite(j, i, action, o))
const callback = fc
  .tuple(
    job,
    fc.constantFrom('', 'batch:0', 'batch:1'),
    fc.constantFrom(...SIGNALS),
    fc.constantFrom('a', 'b'),
    fc.boolean(),
  )
  .map(([j, scope, signal, name, confirm]) => new Callback(j, scope, signal, name, confirm))

const single: fc.Arbitrary<DiffCommand> = fc.oneof(
  { arbitrary: push, weight: 4 },
  { arbitrary: settle, weight: 6 },
  { arbitrary: fc.tuple(job, op).map(([j, o]) => new Close(j, o)), weight: 2 },
  {
    arbitrary: fc
      .tuple(job, fc.constantFrom(null, 'why'), op)
      .map(([j, r, o]) => new Stop(j, r, o)),
    weight: 1,
  },
  {
    arbitrary: fc.tuple(job, fc.constantFrom(500, 2_000)).map(([j, ms]) => new SetTtl(j, ms)),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(job, items, fc.boolean(), op)
      .map(([j, i, c, o]) => new AddBatch(j, i, c, o)),
    weight: 3,
  },
  { arbitrary: fc.tuple(job, index, op).map(([j, i, o]) => new Track(j, i, o)), weight: 2 },
  { arbitrary: report, weight: 2 },
  { arbitrary: batchWrite, weight: 3 },
  { arbitrary: callback, weight: 2 },
)

const together = fc
  .array(
    fc.oneof(
      settle,
      push.filter((p) => !p.close),
    ),
    { minLength: 2, maxLength: 4 },
  )
  .map((commands) => new Together(commands))
const advance = fc
  .constantFrom(10, 300, JOB_TTL_MS / 2, JOB_TTL_MS, 3 * JOB_TTL_MS)
  .map((ms) => new Advance(ms))

export const jobCommands: fc.Arbitrary<DiffCommand[]> = fc.array(
  fc.oneof(
    { arbitrary: single, weight: 10 },
    { arbitrary: together, weight: 1 },
    { arbitrary: advance, weight: 2 },
  ),
  { minLength: 5, maxLength: 30 },
)

async function pages<T>(
  read: (cursor: string | null) => Promise<{ cursor: string | null; items: T[] }>,
) {
  const all: T[][] = []
  let cursor: string | null = null
  do {
    const page = await read(cursor)
    all.push(page.items)
    cursor = page.cursor
  } while (cursor !== null)
  return all
}

async function batchSnapshot(ledger: Ledger, token: string, i: number) {
  const batch = ledger.batch(token, i)
  return outcomeOf(async () => ({
    record: await batch.record(),
    pending: (await batch.items()).sort(),
    later: (await batch.items('later')).sort(),
  }))
}

async function jobSnapshot(ledger: Ledger, world: DiffWorld, name: string) {
  const handle = jobOf(ledger, world, name)
  const token = handle.token
  const open: string[] = []
  for await (const p of handle.openParts()) open.push(p)
  const kinds = ['skipped', 'errored', 'missing'] as const
  return {
    summary: await handle.summary(),
    report: await handle.report(),
    open: open.sort(),
    isOpen: await Promise.all(PARTS.map((p) => handle.isOpenPart(p))),
    failures: await pages(async (cursor) => {
      const page = await handle.failures({ cursor, limit: 2 })
      return { cursor: page.cursor, items: page.failures }
    }),
    expiresIn: await handle.expiresIn(),
    batches: await Promise.all([0, 1, 2].map((i) => batchSnapshot(ledger, token, i))),
    outcomes: await Promise.all(
      kinds.map((kind) =>
        pages(async (cursor) => {
          const page = await handle.outcomes(kind, { cursor, limit: 2 })
          return { cursor: page.cursor, items: page.entries }
        }),
      ),
    ),
    outbox: await ledger.store.jobs.readOutbox(token),
    callbacks: await ledger.store.jobs.readCallbacks(token, '', 'settled'),
  }
}

export const jobsFace: DifferentialFace = {
  name: 'jobs and batches',
  oracle: (clock) => jobsOracleStore(clock),
  commands: jobCommands,
  snapshot: async (ledger, world) =>
    Promise.all(JOBS.map((name) => jobSnapshot(ledger, world, name))),
}
