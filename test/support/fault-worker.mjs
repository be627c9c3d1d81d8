// A worker process for the crash-point tests (test/faults/worker-crash.test.ts), on the built
// library. It does one unit of work up to a named crash point, tells the parent over IPC that
// it is there ({ at, ... }) and waits to be killed with SIGKILL.
// argv[2] is JSON: { redis, prefix, point, queue?, token?, part?, payload? }
import { createLedger } from '../../dist/index.js'

const config = JSON.parse(process.argv[2] ?? '{}')
const forever = () => new Promise(() => setInterval(() => {}, 60_000))
const arrived = async (details = {}) => {
  process.send?.({ at: config.point, ...details })
  await forever()
}

const ledger = createLedger({
  redis: config.redis,
  prefix: config.prefix,
  connection: { commandTimeoutMs: 2_000 },
  // The next stage's jobs are handed over here: a crash inside dispatch loses the hand-over.
  dispatch: () => arrived(),
})

const points = {
  /** Popped an item (its lease runs) and dies before finishing it. */
  async 'queue: after pop, before finish'() {
    const item = await ledger.queue(config.queue, { leaseMs: config.leaseMs }).popAndStart({
      timeoutMs: 5_000,
    })
    await arrived({ id: item?.id ?? null })
  },
  /** Finished an item and dies before popping the next. */
  async 'queue: after finish, before the next pop'() {
    const queue = ledger.queue(config.queue, { leaseMs: config.leaseMs })
    const item = await queue.popAndStart({ timeoutMs: 5_000 })
    await item?.finish({ by: process.pid })
    await arrived({ id: item?.id ?? null })
  },
  /** Settled its part of a job (maybe the last) and dies before acting on the answer. */
  async 'job: after done, before acting on "last"'() {
    const last = await ledger.job(config.token).done(config.part)
    await arrived({ last })
  },
  /** Started a staged job and dies inside its function. */
  async 'stage: after start, before finish'() {
    const staged = await ledger.stagedJob(config.payload)
    await staged.run(() => arrived())
  },
  /** Finished the stage's last job (the settling write) and dies handing the next stage over. */
  async 'stage: after the finish that advanced the group, before dispatch'() {
    const staged = await ledger.stagedJob(config.payload)
    await staged.run(() => {})
    process.send?.({ error: 'the next stage was not dispatched' })
  },
}

const run = points[config.point]
if (run === undefined) throw new Error(`no crash point ${config.point}`)
run().catch((error) => {
  process.send?.({ error: String(error?.stack ?? error) })
  process.exit(1)
})
