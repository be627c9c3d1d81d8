--[[ settle-item
Finishes or fails a running item, keeping its result or errors until retention ends.

KEYS[1] items     hash id -> item record JSON
KEYS[2] data      hash id -> data JSON
KEYS[3] outcome   hash id -> result or errors JSON
KEYS[4] running   sorted set id -> lease end
KEYS[5] finished  sorted set id -> retention end
KEYS[6] failed    sorted set id -> retention end
KEYS[7] waiting   list of waiting ids (for popping the next item)
KEYS[8] signal    wake-up list for blocked pops

ARGV[1] id
ARGV[2] target state: 'finished' | 'failed'
ARGV[3] result or errors JSON
ARGV[4] start (fencing token) the caller holds, or '' to settle whichever start runs
ARGV[5] now in ms
ARGV[6] retention in ms
ARGV[7] event channel
ARGV[8] queue name
ARGV[9] lease in ms to also pop and start the next waiting item, or '' not to

Returns {1, id, record JSON, data JSON, outcome JSON}, followed by the next item's
{id, record JSON, data JSON} when one was popped; {0} for an unknown id; {-1, state}
when the item is not running; {-2, start} when a later start holds it. Refusals write
nothing. Emits stateChanged (running -> finished | failed, and waiting -> running).
]]
--#include queue-item
--#include pop-next
local items, data, outcome, running = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local id, target = ARGV[1], ARGV[2]
local now = tonumber(ARGV[5])

local item = read_item(items, id, now)
if not item then return {0} end
if item.state ~= 'running' then return {-1, item.state} end
local refused = refuse_other_start(item, ARGV[4])
if refused then return refused end

item.state = target
item.finishedAt = now
item.leaseUntil = nil
item.expireAt = now + tonumber(ARGV[6])
local raw = write_item(items, id, item)
redis.call('hset', outcome, id, ARGV[3])
redis.call('zrem', running, id)
local index = KEYS[5]
if target == 'failed' then index = KEYS[6] end
redis.call('zadd', index, item.expireAt, id)
-- The other index is trimmed by its own settles and by every sweep (reclaim-expired).
trim_retained(index, items, data, outcome, now)
publish_change(ARGV[7], ARGV[8], id, 'running', target, now)
local reply = {1, id, raw, redis.call('hget', data, id), ARGV[3]}
if ARGV[9] ~= '' then
  local popped = pop_next(items, data, KEYS[7], running, KEYS[8], now, tonumber(ARGV[9]), ARGV[7], ARGV[8])
  if popped then
    reply[6], reply[7], reply[8] = popped[1], popped[2], popped[3]
  end
end
return reply
