--[[ delete-item
Removes an item in any state, with its data and outcome, from every index of the queue.

KEYS[1] items     hash id -> item record JSON
KEYS[2] data      hash id -> data JSON
KEYS[3] outcome   hash id -> result or errors JSON
KEYS[4] waiting   list of waiting ids
KEYS[5] running   sorted set id -> lease end
KEYS[6] finished  sorted set id -> retention end
KEYS[7] failed    sorted set id -> retention end

ARGV[1] id
ARGV[2] now in ms
ARGV[3] event channel
ARGV[4] queue name

Returns 1 when the item was deleted, 0 for an unknown id (nothing written).
Emits stateChanged (state -> null).
]]
--#include queue-item
local items, data, outcome = KEYS[1], KEYS[2], KEYS[3]
local id = ARGV[1]
local now = tonumber(ARGV[2])

local item = read_item(items, id, now)
if not item then return 0 end
if item.state == 'waiting' then redis.call('lrem', KEYS[4], 1, id) end
redis.call('zrem', KEYS[5], id)
redis.call('zrem', KEYS[6], id)
redis.call('zrem', KEYS[7], id)
redis.call('hdel', items, id)
redis.call('hdel', data, id)
redis.call('hdel', outcome, id)
publish_change(ARGV[3], ARGV[4], id, item.state, nil, now)
return 1
