--[[ add-batch
Adds a batch of items to a job (creating the job if needed): allocates the batch index
(HINCRBY batches), stores every item in the batch's hash as 'pending', pushes the part
'batch-<index>' and, when asked, closes the job. The caller names the index it expects
(KEYS[4] is that batch's hash); when another writer took it first nothing is written and
the current index comes back, so the caller retries with the right key.

KEYS[1] state  the job's hash: part counters, flags, batch and item counters
KEYS[2] bits   dense-part bitmap (TTL refresh only)
KEYS[3] parts  other-parts hash: 'batch-<index>' -> 'o' | 'd'
KEYS[4] items  the hash of batch <expected index>: item id -> set name

ARGV[1] ttl in ms, set on every key
ARGV[2] now in ms
ARGV[3] the expected index
ARGV[4] '1' to close the job after adding, '0' to leave it open
ARGV[5..] the batch's distinct item ids

Returns {created, index, lastOfClosedUnit}; {-1} when the job is closed; {-2, current}
when the expected index was taken; {-3} when the part 'batch-<index>' was already pushed.
The item hash also holds the batch mark (see batch-keys), so an emptied batch keeps its hash.
]]
--#include open-unit
--#include push-part
--#include batch-keys

local state, bits, parts, items = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local ttl, now, expected = ARGV[1], ARGV[2], tonumber(ARGV[3])
local part = 'batch-' .. ARGV[3]

local current = redis.call('hmget', state, 'closed', 'batches')
if current[1] == '1' then return {-1} end
local index = tonumber(current[2] or '0')
if index ~= expected then return {-2, index} end
if redis.call('hexists', parts, part) == 1 then return {-3} end

local created, closed = open_unit(state, now)
redis.call('hincrby', state, 'batches', 1)
redis.call('hincrby', state, 'items', #ARGV - 4)
push_named_part(state, parts, part)

redis.call('del', items)
redis.call('hset', items, BATCH_MARK, '')
for i = 5, #ARGV, 500 do
  local fields = {}
  for j = i, math.min(i + 499, #ARGV) do
    fields[#fields + 1] = ARGV[j]
    fields[#fields + 1] = 'pending'
  end
  redis.call('hset', items, unpack(fields))
end

local last = 0
if ARGV[4] == '1' then
  local _
  _, last = close_unit(state, now, closed)
end

refresh_keys(ttl, {state, bits, parts, items})
return {created, index, last}
