--[[ settle-item
Finishes or fails a running item (domain/queue-writes.ts settleItem), keeping its result or
errors for the queue's own retainMs; optionally pops and starts the next waiting item (with
op <op>.next) in the same step. The settle repeated with its op answers the item as it is.

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
ARGV[4] target state: 'finished' | 'failed'
ARGV[5] result or errors JSON
ARGV[6] start (fencing token) the caller holds, or '' to settle whichever start runs
ARGV[7] event channel
ARGV[8] queue name, JSON-encoded (the notices carry it as it is)
ARGV[9] '1' to also pop and start the next waiting item, '' not to

Returns {1, id, record JSON, data JSON, outcome JSON}, followed by the next item's
{id, record JSON, data JSON} when one was popped; {REFUSED.ITEM_NOT_FOUND};
{REFUSED.INVALID_QUEUE_TRANSITION, state}; {REFUSED.LEASE_LOST, current start}. Refusals write
nothing. Emits stateChanged (running -> finished | failed, and waiting -> running).
]]
--#include clock
--#include refusals
--#include queue-item
--#include pop-next
local k = queue_keys(KEYS)
local now, op, id, target = clock_now(ARGV[1]), ARGV[2], ARGV[3], ARGV[4]
local item = read_item(k.items, id, now)
if not item then return {REFUSED.ITEM_NOT_FOUND} end
local next_op = op .. '.next'
-- An entry p:<next_op> that points to this item is judged on its record once it is closed.
local policy, next_id = queue_policy(k.meta, 'p:' .. next_op)
local raw, outcome
if item.lastOp == op and item.state == target then
  raw = cjson.encode(item)
  outcome = redis.call('hget', k.outcome, id) or ''
else
  local refused = refuse_unheld(item, ARGV[6])
  if refused then return refused end
  close_item(k.meta, item, target, now, policy.retain)
  item.lastOp = op
  raw = write_item(k.items, id, item)
  redis.call('hset', k.outcome, id, ARGV[5])
  outcome = ARGV[5]
  redis.call('zrem', k.running, id)
  local index = k.finished
  if target == 'failed' then index = k.failed end
  redis.call('zadd', index, num(item.expireAt), id)
  -- The other index is trimmed by its own settles and by every sweep (reclaim-expired).
  trim_retained(index, k.meta, k.items, k.data, k.outcome, now)
  publish_change(ARGV[7], ARGV[8], id, 'running', target, now)
end
local reply = {1, id, raw, redis.call('hget', k.data, id), outcome}
if ARGV[9] == '1' then
  local popped = popped_by(k, next_op, next_id, now) or pop_next(k, now, policy.lease, next_op, ARGV[7], ARGV[8])
  if popped then
    reply[6], reply[7], reply[8] = popped[1], popped[2], popped[3]
  end
end
return reply
