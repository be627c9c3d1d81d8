// The queue's own scripts called straight from ioredis, with no ledger code around them: the
// floor the tracked queue could reach with its current scripts if the ledger's client code cost
// nothing. One producer and `consumers` consumers, each on its own plain connection; each
// consumer pops once, then settles with pop-next (one settle-item per item, as q.process()
// does), and pops again when the queue ran dry.
import { Redis } from 'ioredis'
import { RedisKeys } from '../../dist/stores/redis/keys.js'
import { SCRIPTS } from '../../dist/stores/redis/scripts.generated.js'

const POLICY = [30_000, 86_400_000, 3]
let ops = 0

/** An op id of the ledger's length (16 characters). */
function nextOp() {
  return `bare-${(++ops).toString(36).padStart(11, '0')}`
}

function queueCalls(prefix) {
  const keys = new RedisKeys(prefix).queueKeyList('bench')
  // The store sends the queue's name JSON-encoded, for the notices the scripts publish.
  const event = [`${prefix}:events:queue:bench`, JSON.stringify('bench')]
  const call = (client, script, args) =>
    client.evalsha(script.sha, keys.length, ...keys, '', ...args)
  return {
    push: (client, data) =>
      call(client, SCRIPTS.createAndPush, [nextOp(), data, ...event, ...POLICY]),
    pop: (client) => call(client, SCRIPTS.popAndStart, [nextOp(), ...event]),
    settleAndPop: (client, id, start) =>
      call(client, SCRIPTS.settleItem, [nextOp(), id, 'finished', 'null', start, ...event, '1']),
  }
}

/** One consumer: pops, then settles each item with pop-next, until `counter` reaches its end. */
async function consume(client, calls, counter) {
  while (!counter.reached()) {
    const popped = await calls.pop(client)
    if (popped[0] !== 1) {
      await new Promise((resolve) => setTimeout(resolve, 1))
      continue
    }
    let id = popped[1]
    let start = JSON.parse(popped[2]).starts
    while (id !== undefined) {
      const reply = await calls.settleAndPop(client, id, start)
      JSON.parse(reply[2])
      counter.count()
      id = reply.length > 5 ? reply[5] : undefined
      if (id !== undefined) start = JSON.parse(reply[6]).starts
    }
  }
}

/**
 * Runs the bare scripts over `n` items: `produce(push)` pushes them, `counter` counts finished
 * ones; `measure` is bench/lib/measure.mjs startMeasure. Returns the measured round.
 */
export async function runBareQueue({ redisUrl, admin, consumers, produce, counter, measure }) {
  const prefix = `bare${Date.now()}`
  const calls = queueCalls(prefix)
  const producer = new Redis(redisUrl)
  const clients = Array.from({ length: consumers }, () => new Redis(redisUrl))
  for (const script of [SCRIPTS.createAndPush, SCRIPTS.popAndStart, SCRIPTS.settleItem])
    await producer.script('load', script.lua)
  const loops = clients.map((client) => consume(client, calls, counter))
  const stop = await measure(admin)
  await produce((i) => calls.push(producer, JSON.stringify({ i })))
  await counter.done
  const result = await stop(counter.total)
  await Promise.all(loops)
  await Promise.all([producer, ...clients].map((client) => client.quit()))
  return result
}
