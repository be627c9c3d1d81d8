--[[ create-and-push
Creates an item in state waiting with the next id of the queue and appends it to the queue.

KEYS[1] meta     the queue's hash: createdAt, seq
KEYS[2] items    hash id -> item record JSON
KEYS[3] data     hash id -> data JSON
KEYS[4] waiting  list of waiting ids, oldest first
KEYS[5] signal   wake-up list for blocked pops

ARGV[1] data JSON
ARGV[2] now in ms
ARGV[3] event channel
ARGV[4] queue name

Returns {id, created}: the new item's id (a string) and 1 when this push created the queue.
Emits stateChanged (null -> waiting).
]]
--#include queue-item
local meta, items, data, waiting, signal = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local now = tonumber(ARGV[2])

-- seq and createdAt are written together and never apart, so the first id marks creation.
local seq = redis.call('hincrby', meta, 'seq', 1)
local created = 0
if seq == 1 then
  redis.call('hset', meta, 'createdAt', now)
  created = 1
end
local id = tostring(seq)
write_item(items, id, {state = 'waiting', createdAt = now, attempts = 0})
redis.call('hset', data, id, ARGV[1])
redis.call('rpush', waiting, id)
signal_waiters(signal)
publish_change(ARGV[3], ARGV[4], id, nil, 'waiting', now)
return {id, created}
