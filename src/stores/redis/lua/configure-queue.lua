--[[ configure-queue
Changes a queue's own policy (domain/queue-writes.ts configureQueue), creating the queue with
the given policy first when it does not exist. Repeating it sets the same again.

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
ARGV[3] leaseMs, ARGV[4] retainMs, ARGV[5] maxAttempts: the policy of a queue this creates
ARGV[6] new leaseMs, ARGV[7] new retainMs, ARGV[8] new maxAttempts: '' keeps the value

Returns {created, createdAt, leaseMs, retainMs, maxAttempts}.
]]
--#include clock
--#include refusals
--#include queue-item
local k = queue_keys(KEYS)
local now, op = clock_now(ARGV[1]), ARGV[2]
local q = redis.call('hmget', k.meta, 'createdAt', 'createOp')
local created_at, created = tonumber(q[1]), 0
if not created_at then
  created_at, created = now, 1
  redis.call('hset', k.meta, 'createdAt', now, 'createOp', op, 'seq', 0, 'leaseMs', ARGV[3],
    'retainMs', ARGV[4], 'maxAttempts', ARGV[5])
elseif q[2] == op then
  created = 1
end
if ARGV[6] ~= '' then redis.call('hset', k.meta, 'leaseMs', ARGV[6]) end
if ARGV[7] ~= '' then redis.call('hset', k.meta, 'retainMs', ARGV[7]) end
if ARGV[8] ~= '' then redis.call('hset', k.meta, 'maxAttempts', ARGV[8]) end
local policy = queue_policy(k.meta)
return {created, created_at, policy.lease, policy.retain, policy.max_attempts}
