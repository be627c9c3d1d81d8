--[[ delete-item
Removes an item in any state, with its data, outcome and op entries, from every index.

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
ARGV[4] event channel
ARGV[5] queue name, JSON-encoded (the notices carry it as it is)

Returns 1 when the item was deleted, REFUSED.ITEM_NOT_FOUND for an unknown id (nothing written).
Emits stateChanged (state -> null).
]]
--#include clock
--#include refusals
--#include queue-item
local k = queue_keys(KEYS)
local now, id = clock_now(ARGV[1]), ARGV[3]
local item = read_item(k.items, id, now)
if not item then return REFUSED.ITEM_NOT_FOUND end
if item.state == 'waiting' then redis.call('lrem', k.waiting, 1, id) end
redis.call('zrem', k.running, id)
redis.call('zrem', k.finished, id)
redis.call('zrem', k.failed, id)
forget_item(k.meta, k.items, k.data, k.outcome, id, item)
publish_change(ARGV[4], ARGV[5], id, item.state, nil, now)
return 1
