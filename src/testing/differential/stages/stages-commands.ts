import fc from 'fast-check'
import { validateCallbacks } from '../../../domain/callback-specs.js'
import type { StagedJobOutcome } from '../../../domain/group-records.js'
import { SIGNALS, type Signal } from '../../../domain/signals.js'
import type { Ledger } from '../../../ledger.js'
import type { StageStore } from '../../../store/stage-store.js'
import { Advance, type DiffCommand, type DiffWorld, outcomeOf } from '../differential.js'

/*
 * The stages commands of the differential model, made through the store port so every reply
 * (and refusal) is compared: groups g0 and g1, stages 0..3, jobs '0'..'7' (ids are handed out
 * in order, so most exist), operation ids from a small pool (repeats) or fresh.
 */

const MINUTE = 60_000
const HOUR = 60 * MINUTE
export const GROUPS = ['g0', 'g1'] as const
export const JOB_IDS = ['0', '1', '2', '3', '4', '5', '6']
const STAGES = [0, 1, 2, 3]

type Call = (stages: StageStore, group: string, world: DiffWorld) => Promise<unknown>

class StageCommand implements DiffCommand {
  readonly label: string
  readonly #group: string
  readonly #call: Call

  constructor(label: string, group: string, call: Call) {
    this.label = `${label} on ${group}`
    this.#group = group
    this.#call = call
  }

  run(ledger: Ledger, world: DiffWorld): Promise<unknown> {
    return this.#call(ledger.store.stages, world.id(this.#group), world)
  }
}

const group = fc.oneof(
  { arbitrary: fc.constant('g0'), weight: 3 },
  { arbitrary: fc.constant('g1'), weight: 1 },
)
const stage = fc.oneof(
  { arbitrary: fc.constant(1), weight: 4 },
  { arbitrary: fc.constantFrom(...STAGES), weight: 3 },
)
const jobId = fc.oneof(
  { arbitrary: fc.constantFrom('0', '1', '2', '3'), weight: 4 },
  { arbitrary: fc.constantFrom(...JOB_IDS), weight: 1 },
)
const signal = fc.constantFrom(...SIGNALS)
const op = fc.oneof(
  fc.constantFrom('op-a', 'op-b', 'op-c'),
  fc.integer({ min: 0, max: 2 ** 30 }).map((n) => `op-${n}`),
)
const outcome = fc.constantFrom<StagedJobOutcome>('successful', 'failed', 'pending_re_run')
const error = fc.option(
  fc.record({
    class: fc.constantFrom('Error', 'TypeError'),
    message: fc.constantFrom('bad row', 'é ☃ 💥'),
    stack: fc.option(fc.constant('Error: bad row\n    at work (job.ts:3:9)')),
  }),
)

const enqueue = fc
  .tuple(group, stage, fc.constantFrom('A', 'B'), fc.boolean(), fc.subarray(JOB_IDS), op)
  .map(([g, n, name, refuseRunning, confirm, o]) => {
    const job = { name, argsJson: `["${name}"]`, delayMs: n === 2 ? 500 : null, runAt: null }
    const options = { refuseRunning, confirm }
    return new StageCommand(
      `enqueue(${n}, ${name}, ${refuseRunning}, [${confirm}], ${o})`,
      g,
      (s, id) => s.enqueueStagedJob(id, n, job, o, options),
    )
  })

const initiateOn = (g: fc.Arbitrary<string>) =>
  fc
    .tuple(g, fc.option(stage), fc.boolean(), fc.subarray(STAGES), op)
    .map(
      ([g, n, seal, ensure, o]) =>
        new StageCommand(`initiate(${n}, ${seal}, [${ensure}], ${o})`, g, (s, id) =>
          s.initiate(id, n, o, { seal, ensure }),
        ),
    )
const initiate = initiateOn(group)

const addStage = fc
  .tuple(group, stage, op)
  .map(([g, n, o]) => new StageCommand(`addStage(${n}, ${o})`, g, (s, id) => s.addStage(id, n, o)))

const expected = fc.oneof(
  { arbitrary: fc.constant(null), weight: 3 },
  { arbitrary: fc.record({ name: fc.constantFrom('A', 'B'), stage }), weight: 1 },
)
const carrier = fc.oneof(
  { arbitrary: fc.constant(null), weight: 2 },
  {
    arbitrary: fc.record({
      queue: fc.constantFrom('work', 'retry'),
      id: fc.constantFrom('1', '2'),
    }),
    weight: 1,
  },
)
const start = fc
  .tuple(group, jobId, expected, carrier, op)
  .map(
    ([g, j, e, c, o]) =>
      new StageCommand(
        `start(${j}, ${JSON.stringify(e)}, ${JSON.stringify(c)}, ${o})`,
        g,
        (s, id) => s.startStagedJob(id, j, o, e, c),
      ),
  )

const finish = fc
  .tuple(group, jobId, outcome, error, op)
  .map(
    ([g, j, out, err, o]) =>
      new StageCommand(`finish(${j}, ${out}, ${o})`, g, (s, id) =>
        s.finishStagedJob(id, j, out, o, err),
      ),
  )

const message = fc
  .tuple(group, jobId, fc.constantFrom('', 'half', 'row 4 ✓'), op)
  .map(
    ([g, j, text, o]) =>
      new StageCommand(`setStatusMessage(${j}, ${text}, ${o})`, g, (s, id) =>
        s.setStatusMessage(id, j, text, o),
      ),
  )

const confirm = fc
  .tuple(group, fc.subarray(JOB_IDS), op)
  .map(
    ([g, ids, o]) =>
      new StageCommand(`confirm([${ids}])`, g, (s, id) => s.confirmDispatch(id, ids, o)),
  )

const cancel = fc
  .tuple(group, fc.option(fc.constantFrom('', 'operator')), op)
  .map(
    ([g, reason, o]) =>
      new StageCommand(`cancel(${reason}, ${o})`, g, (s, id) => s.cancelGroup(id, reason, o)),
  )

const scope = fc.oneof(
  fc.constant(''),
  stage.map((n) => `stage:${n}`),
)
const register = fc
  .tuple(group, scope, signal, fc.subarray(['x', 'y', 'z'], { minLength: 1 }), fc.nat(9), op)
  .map(([g, sc, sig, names, arg, o]) => {
    const callbacks = validateCallbacks(names.map((name) => ({ name, args: [arg] })))
    return new StageCommand(`register(${sc}, ${sig}, [${names}], ${arg})`, g, (s, id) =>
      s.registerCallbacks(id, sc, sig as Signal, callbacks, o),
    )
  })

const confirmOutbox = fc
  .tuple(group, scope, signal, op)
  .map(
    ([g, sc, sig, o]) =>
      new StageCommand(`confirmOutbox(${sc}, ${sig})`, g, (s, id) =>
        s.confirmOutbox(id, sc, sig, o),
      ),
  )

const remove = fc
  .tuple(group, op)
  .map(([g, o]) => new StageCommand('delete', g, (s, id) => s.deleteGroup(id, o)))

/** A worker's run: start, then finish (each compared). */
const work = fc
  .tuple(group, jobId, outcome, error, op, op)
  .map(
    ([g, j, out, err, o1, o2]) =>
      new StageCommand(`work(${j}, ${out}, ${o1}, ${o2})`, g, async (s, id) => [
        await outcomeOf(() => s.startStagedJob(id, j, o1, null)),
        await outcomeOf(() => s.finishStagedJob(id, j, out, o2, err)),
      ]),
  )

/** Two writes started together: both stores run them in the order they were made. */
const together = fc.tuple(group, jobId, op, op, fc.boolean()).map(
  ([g, j, o1, o2, finishing]) =>
    new StageCommand(
      `together(${j}, ${o1}, ${o2}, ${finishing ? 'finish' : 'start'})`,
      g,
      (s, id) => {
        const write = (o: string) => () =>
          finishing
            ? s.finishStagedJob(id, j, 'successful', o, null)
            : s.startStagedJob(id, j, o, null)
        return Promise.all([outcomeOf(write(o1)), outcomeOf(write(o2))])
      },
    ),
)

const advance = fc
  .oneof(
    { arbitrary: fc.constantFrom(1_000, 10 * MINUTE, 40 * MINUTE), weight: 8 },
    { arbitrary: fc.constantFrom(HOUR, 2 * HOUR, 25 * HOUR), weight: 1 },
  )
  .map((ms) => new Advance(ms))

const create = (g: fc.Arbitrary<string>) =>
  fc
    .tuple(g, fc.constantFrom(0, HOUR), fc.constantFrom(0, 24 * HOUR), op)
    .map(([name, keep, summary, o]) => {
      const policy = { ttlMs: HOUR, keepCompletedMs: keep, summaryTtlMs: summary }
      return new StageCommand(`create(${keep}, ${summary}, ${o})`, name, (stages, id) =>
        stages.createGroup({ id, name: 'n', description: id, policy }, o),
      )
    })

/**
 * Random command sequences: both groups created first, then writes weighted towards those
 * that build and run groups, with repeats, bad input, races and clock moves among them.
 */
export const stagesCommands: fc.Arbitrary<DiffCommand[]> = fc
  .tuple(
    create(fc.constant('g0')),
    create(fc.constant('g1')),
    fc.array(enqueue, { minLength: 3, maxLength: 8 }),
    initiateOn(fc.constant('g0')),
    initiateOn(fc.constant('g1')),
    fc.array(
      fc.oneof(
        { arbitrary: create(group), weight: 3 },
        { arbitrary: enqueue, weight: 10 },
        { arbitrary: initiate, weight: 4 },
        { arbitrary: start, weight: 8 },
        { arbitrary: finish, weight: 6 },
        { arbitrary: work, weight: 12 },
        { arbitrary: message, weight: 1 },
        { arbitrary: confirm, weight: 1 },
        { arbitrary: cancel, weight: 1 },
        { arbitrary: addStage, weight: 1 },
        { arbitrary: register, weight: 3 },
        { arbitrary: confirmOutbox, weight: 1 },
        { arbitrary: remove, weight: 1 },
        { arbitrary: together, weight: 3 },
        { arbitrary: advance, weight: 2 },
      ),
      { minLength: 10, maxLength: 40 },
    ),
  )
  .map(([first, second, filled, i0, i1, rest]) => [first, second, ...filled, i0, i1, ...rest])
