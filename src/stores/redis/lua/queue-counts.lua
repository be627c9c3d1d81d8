--[[ queue-counts
Counts the items of each state and reads the queue's policy in one consistent step; finished
and failed items count only while retained. Writes nothing.

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

Returns {createdAt, waiting, running, finished, failed, leaseMs, retainMs, maxAttempts}, or {}
when the queue does not exist.
]]
--#include clock
--#include refusals
--#include queue-item
local k = queue_keys(KEYS)
local q = redis.call('hmget', k.meta, 'createdAt', 'leaseMs', 'retainMs', 'maxAttempts')
if not q[1] then return {} end
local alive = '(' .. clock_now(ARGV[1])
return {tonumber(q[1]), redis.call('llen', k.waiting), redis.call('zcard', k.running),
  redis.call('zcount', k.finished, alive, '+inf'), redis.call('zcount', k.failed, alive, '+inf'),
  tonumber(q[2] or 0), tonumber(q[3] or 0), tonumber(q[4] or 0)}
