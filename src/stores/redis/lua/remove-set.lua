--[[ remove-set
Removes every item of one named set from a batch.

KEYS[1] state  the job's hash (batch count; TTL refresh)
KEYS[2] bits   dense-part bitmap (TTL refresh only)
KEYS[3] parts  other-parts hash (TTL refresh only)
KEYS[4] items  the batch's hash: item id -> set name

ARGV[1] ttl in ms
ARGV[2] the batch index
ARGV[3] the set to remove

Returns the number of items removed, or -1 when the batch does not exist (nothing written).
]]
local state, bits, parts, items = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local ttl, set = ARGV[1], ARGV[3]

local batches = redis.call('hget', state, 'batches')
if not batches or tonumber(ARGV[2]) >= tonumber(batches) then return -1 end

local all = redis.call('hgetall', items)
local removed = 0
for i = 1, #all, 2 do
  if all[i + 1] == set then
    redis.call('hdel', items, all[i])
    removed = removed + 1
  end
end

redis.call('pexpire', state, ttl)
redis.call('pexpire', bits, ttl)
redis.call('pexpire', parts, ttl)
redis.call('pexpire', items, ttl)
return removed
