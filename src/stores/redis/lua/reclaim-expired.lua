--[[ reclaim-expired
The sweeper: running items whose lease ended go back to the end of the waiting list, or
become failed once they have been started maxAttempts times. Also forgets finished and
failed items whose retention ended. Handles at most ARGV[4] expired items per call.

KEYS[1] items     hash id -> item record JSON
KEYS[2] data      hash id -> data JSON
KEYS[3] outcome   hash id -> result or errors JSON
KEYS[4] waiting   list of waiting ids
KEYS[5] running   sorted set id -> lease end
KEYS[6] finished  sorted set id -> retention end
KEYS[7] failed    sorted set id -> retention end
KEYS[8] signal    wake-up list for blocked pops

ARGV[1] now in ms
ARGV[2] maxAttempts
ARGV[3] retention in ms
ARGV[4] most items to handle
ARGV[5] event channel
ARGV[6] queue name
ARGV[7] lease in ms (for the failure message)

Returns {requeued, failed, more}: counts, and 1 when more expired leases remain.
Emits stateChanged (running -> waiting | failed) for each.
]]
--#include queue-item
local items, data, outcome, waiting, running = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local now, max_attempts, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[4])

local expired = redis.call('zrangebyscore', running, '-inf', '(' .. now, 'LIMIT', 0, limit + 1)
local requeued, failed = 0, 0
for i = 1, math.min(#expired, limit) do
  local id = expired[i]
  redis.call('zrem', running, id)
  local item = read_item(items, id, now)
  if item and item.state == 'running' then
    item.leaseUntil = nil
    if item.attempts >= max_attempts then
      item.state = 'failed'
      item.finishedAt = now
      item.expireAt = now + tonumber(ARGV[3])
      local message = 'Lease of ' .. ARGV[7] .. ' ms expired without a heartbeat on attempt ' ..
        item.attempts .. ' of ' .. max_attempts .. '; failed by the sweeper.'
      redis.call('hset', outcome, id, cjson.encode({message}))
      redis.call('zadd', KEYS[7], item.expireAt, id)
      failed = failed + 1
    else
      item.state = 'waiting'
      redis.call('rpush', waiting, id)
      requeued = requeued + 1
    end
    write_item(items, id, item)
    publish_change(ARGV[5], ARGV[6], id, 'running', item.state, now)
  end
end
trim_retained(KEYS[6], items, data, outcome, now)
trim_retained(KEYS[7], items, data, outcome, now)
if requeued > 0 then signal_waiters(KEYS[8]) end
local more = 0
if #expired > limit then more = 1 end
return {requeued, failed, more}
