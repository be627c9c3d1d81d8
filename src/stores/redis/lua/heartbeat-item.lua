--[[ heartbeat-item
Extends the lease of a running item to now + the queue's own leaseMs (domain/queue-writes.ts
heartbeatItem). Repeating it extends the lease again, which is what it asks.

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
ARGV[4] start (fencing token) the caller holds, or '' for whichever start runs

Returns {1, new lease end}; {REFUSED.ITEM_NOT_FOUND}; {REFUSED.INVALID_QUEUE_TRANSITION, state};
{REFUSED.LEASE_LOST, current start}. Refusals write nothing.
]]
--#include clock
--#include refusals
--#include queue-item
local k = queue_keys(KEYS)
local now, id = clock_now(ARGV[1]), ARGV[3]
local item = read_item(k.items, id, now)
if not item then return {REFUSED.ITEM_NOT_FOUND} end
local refused = refuse_unheld(item, ARGV[4])
if refused then return refused end
item.leaseUntil = now + queue_policy(k.meta).lease
write_item(k.items, id, item)
redis.call('zadd', k.running, item.leaseUntil, id)
return {1, item.leaseUntil}
