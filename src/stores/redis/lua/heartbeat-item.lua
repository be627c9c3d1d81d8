--[[ heartbeat-item
Extends the lease of a running item to now + lease.

KEYS[1] items    hash id -> item record JSON
KEYS[2] running  sorted set id -> lease end

ARGV[1] id
ARGV[2] start (fencing token) the caller holds, or '' for whichever start runs
ARGV[3] now in ms
ARGV[4] lease in ms

Returns {1, new lease end}; {0} for an unknown id; {-1, state} when the item is not running;
{-2, start} when a later start holds it. Refusals write nothing.
]]
--#include queue-item
local items, running = KEYS[1], KEYS[2]
local id = ARGV[1]
local now = tonumber(ARGV[3])

local item = read_item(items, id, now)
if not item then return {0} end
if item.state ~= 'running' then return {-1, item.state} end
local refused = refuse_other_start(item, ARGV[2])
if refused then return refused end

item.leaseUntil = now + tonumber(ARGV[4])
write_item(items, id, item)
redis.call('zadd', running, item.leaseUntil, id)
return {1, item.leaseUntil}
