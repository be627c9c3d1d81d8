// BullMQ flows against done(): tracking N pieces of work to completion. A BullMQ flow is a
// parent job with N children (FlowProducer.add), the children processed by a Worker, the parent
// by another once its last child completed; a distributed job is N parts pushed, each settled
// with one done(). Server CPU (INFO cpu) per child against per done(), interleaved rounds,
// medians. FLOWS_BENCH_FLOWS × FLOWS_BENCH_CHILDREN children per round (default 20 × 250),
// FLOWS_BENCH_ROUNDS rounds (default 3); 64 calls in flight on each side.
import { FlowProducer, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { createLedger } from '../dist/index.js'
import { drive, interleaved, measureOps, startMeasure } from './lib/measure.mjs'

export const title = 'BullMQ flow children against done()'

const FLOWS = Number(process.env.FLOWS_BENCH_FLOWS ?? 20)
const CHILDREN = Number(process.env.FLOWS_BENCH_CHILDREN ?? 250)
const ROUNDS = Number(process.env.FLOWS_BENCH_ROUNDS ?? 3)
const IN_FLIGHT = 64
const PARTS = FLOWS * CHILDREN

/** One round of flows: added, every child and parent processed; CPU per child. */
async function bullmqFlows(redisUrl, admin, round) {
  const url = new URL(redisUrl)
  const connection = { host: url.hostname, port: Number(url.port), maxRetriesPerRequest: null }
  const [parents, children] = [`flow-parents-${round}`, `flow-children-${round}`]
  const producer = new FlowProducer({ connection })
  let finished = 0
  let allFinished
  const done = new Promise((resolve) => (allFinished = resolve))
  const childWorker = new Worker(children, async () => null, { connection, concurrency: IN_FLIGHT })
  const parentWorker = new Worker(parents, async () => null, { connection, concurrency: 4 })
  parentWorker.on('completed', () => {
    if (++finished === FLOWS) allFinished()
  })
  await Promise.all([childWorker.waitUntilReady(), parentWorker.waitUntilReady()])
  const stop = await startMeasure(admin)
  await drive(FLOWS, 4, (f) =>
    producer.add({
      name: 'parent',
      queueName: parents,
      data: { f },
      children: Array.from({ length: CHILDREN }, (_, i) => ({
        name: 'child',
        queueName: children,
        data: { i },
      })),
    }),
  )
  await done
  const result = await stop(PARTS)
  await Promise.all([childWorker.close(), parentWorker.close(), producer.close()])
  return result
}

/** One round of one job with PARTS parts: pushed (measured apart), then each settled by done(). */
async function doneParts(ledger, admin, round) {
  const job = ledger.job(`flows-reference-${round}`)
  const parts = Array.from({ length: PARTS }, (_, i) => i)
  const push = await measureOps(admin, PARTS, () =>
    job.pushInBatches(parts, { batchSize: 5_000 }, () => {}),
  )
  const result = await measureOps(admin, PARTS, () => drive(PARTS, IN_FLIGHT, (i) => job.done(i)))
  if (!(await job.isFinished())) throw new Error('reference job did not finish')
  return { ...result, pushServerUs: push.serverUs }
}

export async function run({ redisUrl, record, goal }) {
  const admin = new Redis(redisUrl)
  const ledger = createLedger({ redis: redisUrl, prefix: 'bench-flows' })
  try {
    const { flow, done } = await interleaved(ROUNDS, {
      flow: (round) => bullmqFlows(redisUrl, admin, round),
      done: (round) => doneParts(ledger, admin, round),
    })
    const costs = (side) => `${side.serverUs.toFixed(1)} / ${side.clientUs.toFixed(1)}`
    const label = `${FLOWS} flows × ${CHILDREN} children`
    record(`BullMQ ${label}, added and processed (median)`, Math.round(flow.rate), 'children/s')
    record('  Redis CPU / client CPU per child (add + process + parent)', costs(flow), 'µs')
    record(
      `done() of ${PARTS.toLocaleString('en-US')} parts, ${IN_FLIGHT} in flight (median)`,
      Math.round(done.rate),
      'calls/s',
    )
    record('  Redis CPU / client CPU per done()', costs(done), 'µs')
    record('  Redis CPU per part pushed (pushInBatches, 5,000 a batch)', done.pushServerUs, 'µs')
    record('ratio Redis CPU per BullMQ child / per done()', flow.serverUs / done.serverUs, 'x')
    record(
      'ratio Redis CPU per BullMQ child / per part pushed + done()',
      flow.serverUs / (done.serverUs + done.pushServerUs),
      'x',
    )
    goal('flow-child-done', {
      value: flow.serverUs / done.serverUs,
      ours: { name: 'done()', ...done },
      reference: { name: 'BullMQ child', ...flow },
    })
  } finally {
    await ledger.cleaner.purgeAll()
    await ledger.close()
    await admin.quit()
  }
}
