--[[ move-items
Moves items of one batch from one named set to another; ids not in `from` are left alone.

KEYS[1] state  the job's hash (batch count; TTL refresh)
KEYS[2] bits   dense-part bitmap (TTL refresh only)
KEYS[3] parts  other-parts hash (TTL refresh only)
KEYS[4] items  the batch's hash: item id -> set name

ARGV[1] ttl in ms
ARGV[2] the batch index
ARGV[3] from: the set the items must be in
ARGV[4] to: the set they go to
ARGV[5..] item ids

Returns the number of items moved, or -1 when the batch does not exist, -2 when its items
expired while its part is open (nothing written either way).
]]
--#include batch-keys

local state, bits, parts, items = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local ttl, from, to = ARGV[1], ARGV[3], ARGV[4]

if not batch_exists(state, ARGV[2]) then return -1 end
if batch_items_lost(parts, items, ARGV[2]) then return -2 end

local moved = 0
for i = 5, #ARGV do
  if redis.call('hget', items, ARGV[i]) == from then
    redis.call('hset', items, ARGV[i], to)
    moved = moved + 1
  end
end

refresh_keys(ttl, {state, bits, parts, items})
return moved
