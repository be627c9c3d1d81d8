--[[ create-and-push
Creates an item in state waiting with the next id of the queue and appends it (domain/
queue-writes.ts pushItem). The first write of a queue creates it with the policy given here;
an existing queue keeps its own. A repeated op answers the item it pushed and writes nothing.

KEYS[1] meta      hash: createdAt, createOp, seq, policy, c:<op> and p:<op> (include queue-item)
KEYS[2] items     hash id -> item record JSON
KEYS[3] data      hash id -> data JSON
KEYS[4] outcome   hash id -> result or errors JSON
KEYS[5] waiting   list of waiting ids, oldest first
KEYS[6] running   sorted set id -> lease end
KEYS[7] finished  sorted set id -> retention end
KEYS[8] failed    sorted set id -> retention end
KEYS[9] signal    wake-up list for blocked pops

ARGV[1] clock ('' = the server's TIME)
ARGV[2] op
ARGV[3] data JSON
ARGV[4] event channel
ARGV[5] queue name, JSON-encoded (the notices carry it as it is)
ARGV[6] leaseMs, ARGV[7] retainMs, ARGV[8] maxAttempts: the policy of a queue this push creates

Returns {id, created, createdAt}: created is 1 when this op created the queue.
Emits stateChanged (null -> waiting).
]]
--#include clock
--#include refusals
--#include queue-item

-- The new item's record: what write_item would store (in another field order), written
-- straight, without a table to encode.
local function waiting_record(now, op)
  return '{"state":"waiting","createdAt":' .. num(now) .. ',"attempts":0,"starts":0,"createOp":' ..
    cjson.encode(op) .. '}'
end

local k = queue_keys(KEYS)
local now, op = clock_now(ARGV[1]), ARGV[2]
local q = redis.call('hmget', k.meta, 'createdAt', 'createOp', 'c:' .. op, 'seq')
local created_at, created = tonumber(q[1]), 0
if not created_at then
  created_at, created = now, 1
  redis.call('hset', k.meta, 'createdAt', now, 'createOp', op, 'seq', 0, 'leaseMs', ARGV[6],
    'retainMs', ARGV[7], 'maxAttempts', ARGV[8])
elseif q[2] == op then
  created = 1
end
if q[3] and read_item(k.items, q[3], now) then return {q[3], created, created_at} end

local id = num((tonumber(q[4]) or 0) + 1)
redis.call('hset', k.items, id, waiting_record(now, op))
redis.call('hset', k.meta, 'seq', id, 'c:' .. op, id)
redis.call('hset', k.data, id, ARGV[3])
redis.call('rpush', k.waiting, id)
signal_waiters(k.signal)
publish_change(ARGV[4], ARGV[5], id, nil, 'waiting', now)
return {id, created, created_at}
