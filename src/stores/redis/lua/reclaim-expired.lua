--[[ reclaim-expired
The sweeper (domain/queue-writes.ts reclaimItem): running items whose lease ended go back to
the end of the waiting list, or become failed once started the queue's own maxAttempts times.
Also forgets finished and failed items whose retention ended. Handles at most ARGV[3] expired
items per call; repeating it finds nothing more to do.

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
ARGV[3] most items to handle
ARGV[4] event channel
ARGV[5] queue name, JSON-encoded (the notices carry it as it is)

Returns {requeued, failed, more}: counts, and 1 when more expired leases remain.
Emits stateChanged (running -> waiting | failed) for each.
]]
--#include clock
--#include refusals
--#include queue-item
local k = queue_keys(KEYS)
local now, limit = clock_now(ARGV[1]), tonumber(ARGV[3])
local policy = queue_policy(k.meta)
if not policy then return {0, 0, 0} end

local expired = redis.call('zrangebyscore', k.running, '-inf', '(' .. now, 'LIMIT', 0, limit + 1)
local requeued, failed = 0, 0
for i = 1, math.min(#expired, limit) do
  local id = expired[i]
  redis.call('zrem', k.running, id)
  local item = read_item(k.items, id, now)
  if item and item.state == 'running' then
    if item.attempts >= policy.max_attempts then
      close_item(k.meta, item, 'failed', now, policy.retain)
      local message = 'Lease of ' .. policy.lease .. ' ms expired without a heartbeat on attempt ' ..
        item.attempts .. ' of ' .. policy.max_attempts .. '; failed by the sweeper.'
      redis.call('hset', k.outcome, id, cjson.encode({message}))
      redis.call('zadd', k.failed, item.expireAt, id)
      failed = failed + 1
    else
      if item.popOp then redis.call('hdel', k.meta, 'p:' .. item.popOp) end
      item.state = 'waiting'
      item.leaseUntil = nil
      item.popOp = nil
      redis.call('rpush', k.waiting, id)
      requeued = requeued + 1
    end
    write_item(k.items, id, item)
    publish_change(ARGV[4], ARGV[5], id, 'running', item.state, now)
  end
end
trim_retained(k.finished, k.meta, k.items, k.data, k.outcome, now)
trim_retained(k.failed, k.meta, k.items, k.data, k.outcome, now)
if requeued > 0 then signal_waiters(k.signal) end
local more = 0
if #expired > limit then more = 1 end
return {requeued, failed, more}
