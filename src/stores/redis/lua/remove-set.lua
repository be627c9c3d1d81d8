--[[ remove-set
Removes every item of one named set from a batch.

KEYS[1] state  the job's hash (batch count; TTL refresh)
KEYS[2] bits   dense-part bitmap (TTL refresh only)
KEYS[3] parts  other-parts hash (TTL refresh only)
KEYS[4] items  the batch's hash: item id -> set name

ARGV[1] ttl in ms
ARGV[2] the batch index
ARGV[3] the set to remove

Returns the number of items removed, or -1 when the batch does not exist, -2 when its items
expired while its part is open (nothing written either way).
]]
--#include batch-keys

local state, bits, parts, items = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local ttl, set = ARGV[1], ARGV[3]

if not batch_exists(state, ARGV[2]) then return -1 end
if batch_items_lost(parts, items, ARGV[2]) then return -2 end

local all = redis.call('hgetall', items)
local removed = 0
for i = 1, #all, 2 do
  if all[i + 1] == set then
    redis.call('hdel', items, all[i])
    removed = removed + 1
  end
end

refresh_keys(ttl, {state, bits, parts, items})
return removed
