// The edits queue-script-variants.mjs measures: each cut or probe maps a script (push =
// create-and-push, pop = pop-and-start, settle = settle-item, as generated with their includes)
// to [from, to] replacements of its Lua text, or to a function of the text returning them.
// allCuts applies them in this order (the pruning last, after the others changed the uses).
import { pruneFunctions, pruneRefusals } from '../../scripts/lua-prune.mjs'

// An integer as Lua would pass it to Redis ('%.14g'), formatted as an integer: the same text
// for |n| < 1e14, without glibc's floating-point printf.
const NUM = `local function num(n)
  if n % 1 == 0 and n > -1e14 and n < 1e14 then return string.format('%d', n) end
  return tostring(n)
end

`
const withNum = (pairs) => (lua) =>
  lua.includes('local function num(')
    ? pairs
    : [['local function read_item(', `${NUM}local function read_item(`], ...pairs]

const PUBLISH_TABLE = `local function publish_change(channel, queue, id, from, to, now)
  redis.call('publish', channel, cjson.encode({queue = queue, id = id, from = from, to = to, at = now}))
end`
const PUBLISH_CONCAT = `local function publish_change(channel, queue, id, from, to, now)
  local change = (from and ',"from":"' .. from .. '"' or '') .. (to and ',"to":"' .. to .. '"' or '')
  redis.call('publish', channel, '{"queue":' .. cjson.encode(queue) .. ',"id":' .. cjson.encode(id) ..
    change .. ',"at":' .. num(now) .. '}')
end`

const PUBLISH_QUEUE_JSON = `local function publish_change(channel, queue_json, id, from, to, now)
  redis.call('publish', channel, '{"queue":' .. queue_json .. ',"id":' .. cjson.encode(id) ..
    (from and ',"from":"' .. from .. '"' or '') .. (to and ',"to":"' .. to .. '"' or '') ..
    ',"at":' .. num(now) .. '}')
end`

const POLICY = `local function queue_policy(meta)
  local p = redis.call('hmget', meta, 'leaseMs', 'retainMs', 'maxAttempts')
  if not p[1] then return nil end
  return {lease = tonumber(p[1]), retain = tonumber(p[2]), max_attempts = tonumber(p[3])}
end`
const POLICY_WITH = `local function queue_policy(meta, ...)
  local p = redis.call('hmget', meta, 'leaseMs', 'retainMs', 'maxAttempts', ...)
  if not p[1] then return nil end
  return {lease = tonumber(p[1]), retain = tonumber(p[2]), max_attempts = tonumber(p[3])}, p[4]
end`
const POPPED_BY = `local function popped_by(k, op, now)
  local id = redis.call('hget', k.meta, 'p:' .. op)
  if not id then return nil end`
const POPPED_BY_ID = `local function popped_by(k, op, id, now)
  if not id then return nil end`

const POP_SIGNAL = "  if redis.call('llen', k.waiting) > 0 then signal_waiters(k.signal) end"
const POP_SIGNAL_FIRST =
  "  if redis.call('llen', k.signal) == 0 and redis.call('llen', k.waiting) > 0 then\n" +
  "    redis.call('lpush', k.signal, 1)\n  end"

const TRIM_CALL = '  trim_retained(index, k.meta, k.items, k.data, k.outcome, now)\n'
const ITEM_WRITTEN = '  raw = write_item(k.items, id, item)\n'
/** Whole-text edits: the text as `prune` leaves it. */
const whole = (prune) => (lua) => [[lua, prune(lua)]]
const pruned = (prune) => ({ push: whole(prune), pop: whole(prune), settle: whole(prune) })

const ZADD_RUNNING = [
  "redis.call('zadd', k.running, item.leaseUntil, id)",
  "redis.call('zadd', k.running, num(item.leaseUntil), id)",
]

export const CUTS = {
  intArgs: {
    pop: withNum([ZADD_RUNNING]),
    settle: withNum([
      ZADD_RUNNING,
      [
        "redis.call('zadd', index, item.expireAt, id)",
        "redis.call('zadd', index, num(item.expireAt), id)",
      ],
      [
        "redis.call('zrangebyscore', index, '-inf', now, 'LIMIT', 0, 100)",
        "redis.call('zrangebyscore', index, '-inf', num(now), 'LIMIT', '0', '100')",
      ],
    ]),
  },
  pushRecord: {
    push: withNum([
      [
        "write_item(k.items, id, {state = 'waiting', createdAt = now, attempts = 0, starts = 0, createOp = op})",
        'redis.call(\'hset\', k.items, id, \'{"state":"waiting","createdAt":\' .. num(now) ..\n' +
          '  \',"attempts":0,"starts":0,"createOp":\' .. cjson.encode(op) .. \'}\')',
      ],
    ]),
  },
  pushSeq: {
    push: withNum([
      ["'createdAt', 'createOp', 'c:' .. op)", "'createdAt', 'createOp', 'c:' .. op, 'seq')"],
      [
        "local id = tostring(redis.call('hincrby', k.meta, 'seq', 1))",
        'local id = num((tonumber(q[4]) or 0) + 1)',
      ],
      [
        "redis.call('hset', k.meta, 'c:' .. op, id)",
        "redis.call('hset', k.meta, 'seq', id, 'c:' .. op, id)",
      ],
    ]),
  },
  policyHmget: {
    pop: [
      [POLICY, POLICY_WITH],
      [POPPED_BY, POPPED_BY_ID],
      [
        'local policy = queue_policy(k.meta)\n',
        "local policy, popped_id = queue_policy(k.meta, 'p:' .. op)\n",
      ],
      ['popped_by(k, op, now)', 'popped_by(k, op, popped_id, now)'],
    ],
    settle: [
      [POLICY, POLICY_WITH],
      [POPPED_BY, POPPED_BY_ID],
      [
        'local policy = queue_policy(k.meta)\n',
        "local next_op = op .. '.next'\nlocal policy, next_id = queue_policy(k.meta, 'p:' .. next_op)\n",
      ],
      ["  local next_op = op .. '.next'\n", ''],
      ['popped_by(k, next_op, now)', 'popped_by(k, next_op, next_id, now)'],
    ],
  },
  signalFirst: {
    pop: [[POP_SIGNAL, POP_SIGNAL_FIRST]],
    settle: [[POP_SIGNAL, POP_SIGNAL_FIRST]],
  },
  refusedUsed: pruned(pruneRefusals),
  unusedFunctions: pruned(pruneFunctions),
}

export const PROBES = {
  publishQueueJson: {
    queueJson: true,
    push: withNum([[PUBLISH_TABLE, PUBLISH_QUEUE_JSON]]),
    pop: withNum([[PUBLISH_TABLE, PUBLISH_QUEUE_JSON]]),
    settle: withNum([[PUBLISH_TABLE, PUBLISH_QUEUE_JSON]]),
  },
  publishConcat: {
    push: withNum([[PUBLISH_TABLE, PUBLISH_CONCAT]]),
    pop: withNum([[PUBLISH_TABLE, PUBLISH_CONCAT]]),
    settle: withNum([[PUBLISH_TABLE, PUBLISH_CONCAT]]),
  },
  noTrim: { settle: [[TRIM_CALL, '']] },
  extraHget: {
    settle: [[ITEM_WRITTEN, `${ITEM_WRITTEN}  redis.call('hget', k.meta, 'leaseMs')\n`]],
  },
}
