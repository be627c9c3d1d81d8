--[[ pop-and-start
Moves the oldest waiting item to running in one step (domain/queue-writes.ts startItem),
leased for the queue's own leaseMs: it leaves the waiting list and enters the running set in
this script, so it is never in neither. A repeated op answers the item it started while that
start still runs, and writes nothing.

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
ARGV[3] event channel
ARGV[4] queue name, JSON-encoded (the notices carry it as it is)

Returns {1, id, record JSON, data JSON}, or {0} when nothing is waiting.
Emits stateChanged (waiting -> running).
]]
--#include clock
--#include refusals
--#include queue-item
--#include pop-next
local k = queue_keys(KEYS)
local now, op = clock_now(ARGV[1]), ARGV[2]
local policy, popped_id = queue_policy(k.meta, 'p:' .. op)
if not policy then return {0} end
local popped = popped_by(k, op, popped_id, now) or pop_next(k, now, policy.lease, op, ARGV[3], ARGV[4])
if not popped then return {0} end
return {1, popped[1], popped[2], popped[3]}
