--[[ retry-item
Puts a finished or failed item back at the end of the waiting list with a fresh attempt count.

KEYS[1] items     hash id -> item record JSON
KEYS[2] data      hash id -> data JSON
KEYS[3] outcome   hash id -> result or errors JSON
KEYS[4] waiting   list of waiting ids
KEYS[5] finished  sorted set id -> retention end
KEYS[6] failed    sorted set id -> retention end
KEYS[7] signal    wake-up list for blocked pops

ARGV[1] id
ARGV[2] now in ms
ARGV[3] event channel
ARGV[4] queue name

Returns {1, id, record JSON, data JSON}; {0} for an unknown id; {-1, state} when the item is
neither finished nor failed (nothing written). Emits stateChanged (finished | failed -> waiting).
]]
--#include queue-item
local items, data, outcome, waiting = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local id = ARGV[1]
local now = tonumber(ARGV[2])

local item = read_item(items, id, now)
if not item then return {0} end
local from = item.state
if from ~= 'finished' and from ~= 'failed' then return {-1, from} end

-- starts is kept: it fences off consumers of the starts before this retry.
local fresh = {state = 'waiting', createdAt = item.createdAt, attempts = 0, starts = start_of(item)}
local raw = write_item(items, id, fresh)
redis.call('hdel', outcome, id)
redis.call('zrem', KEYS[5], id)
redis.call('zrem', KEYS[6], id)
redis.call('rpush', waiting, id)
signal_waiters(KEYS[7])
publish_change(ARGV[3], ARGV[4], id, from, 'waiting', now)
return {1, id, raw, redis.call('hget', data, id)}
