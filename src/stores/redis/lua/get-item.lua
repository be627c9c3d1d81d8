--[[ get-item
Reads one item (record, data and outcome) in one consistent step. Writes nothing.

KEYS[1] items    hash id -> item record JSON
KEYS[2] data     hash id -> data JSON
KEYS[3] outcome  hash id -> result or errors JSON

ARGV[1] id
ARGV[2] now in ms

Returns {1, id, record JSON, data JSON, outcome JSON or ''}, or {0} when the item does not
exist or its retention ended.
]]
--#include queue-item
local id, now = ARGV[1], tonumber(ARGV[2])
local item = read_item(KEYS[1], id, now)
if not item then return {0} end
return {1, id, cjson.encode(item), redis.call('hget', KEYS[2], id), redis.call('hget', KEYS[3], id) or ''}
