--[[ get-item
Reads one item (record, data and outcome) in one consistent step. Writes nothing.

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
ARGV[2] id

Returns {1, id, record JSON, data JSON, outcome JSON or ''}, or {0} when the item does not
exist or its retention ended.
]]
--#include clock
--#include refusals
--#include queue-item
local k = queue_keys(KEYS)
local id = ARGV[2]
local item = read_item(k.items, id, clock_now(ARGV[1]))
if not item then return {0} end
return {1, id, cjson.encode(item), redis.call('hget', k.data, id), redis.call('hget', k.outcome, id) or ''}
