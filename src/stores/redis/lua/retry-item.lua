--[[ retry-item
Puts a finished or failed item back at the end of the waiting list with its attempts reset
(domain/queue-writes.ts retryItem); starts is kept, fencing off earlier consumers. The retry
repeated with its op answers the item as it is.

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
ARGV[3] id
ARGV[4] event channel
ARGV[5] queue name, JSON-encoded (the notices carry it as it is)

Returns {1, id, record JSON, data JSON}; {REFUSED.ITEM_NOT_FOUND};
{REFUSED.INVALID_QUEUE_TRANSITION, state} (nothing written).
Emits stateChanged (finished | failed -> waiting).
]]
--#include clock
--#include refusals
--#include queue-item
local k = queue_keys(KEYS)
local now, op, id = clock_now(ARGV[1]), ARGV[2], ARGV[3]
local item = read_item(k.items, id, now)
if not item then return {REFUSED.ITEM_NOT_FOUND} end
local from = item.state
local settled = from == 'finished' or from == 'failed'
if item.lastOp == op and not settled then
  return {1, id, cjson.encode(item), redis.call('hget', k.data, id)}
end
if not settled then return {REFUSED.INVALID_QUEUE_TRANSITION, from} end

local fresh = {state = 'waiting', createdAt = item.createdAt, attempts = 0, starts = start_of(item),
  createOp = item.createOp, lastOp = op}
local raw = write_item(k.items, id, fresh)
redis.call('hdel', k.outcome, id)
redis.call('zrem', k.finished, id)
redis.call('zrem', k.failed, id)
redis.call('rpush', k.waiting, id)
signal_waiters(k.signal)
publish_change(ARGV[4], ARGV[5], id, from, 'waiting', now)
return {1, id, raw, redis.call('hget', k.data, id)}
