--[[ report-batch
Writes a tracker's outcome for one batch in one step. Only ids still pending in the batch are
counted (a re-run after a crash or a second tracker counts nothing twice); each is removed
from the batch. Processed items become a counter; skipped, errored and missing ids are kept
in the job's outcome lists. When the tracker went through the whole batch and nothing is
left pending, the batch's item hash is deleted and its part 'batch-<index>' is settled by
the one rule for parts, which tells exactly one caller that the job finished.

KEYS[1] state    the job's hash: counters and flags
KEYS[2] bits     dense-part bitmap
KEYS[3] parts    other-parts hash
KEYS[4] items    the batch's hash: item id -> set name
KEYS[5] skipped  list of the job's skipped outcomes
KEYS[6] errored  list of the job's errored outcomes
KEYS[7] missing  list of the job's missing outcomes

ARGV[1] ttl in ms
ARGV[2] now in ms
ARGV[3] the batch index
ARGV[4] '1' when the tracker went through every pending item, '0' when it stopped early
ARGV[5] p, ARGV[6] s, ARGV[7] e, ARGV[8] m: how many ids of each kind follow
ARGV[9..] p processed ids, s skipped ids, e pairs (errored id, message), m missing ids

Returns {found, processed, skipped, errored, missing, remaining, settled, lastOfClosedUnit}
counting only what this call wrote; {0} when the batch does not exist, {-1} when its items
expired while its part is open (nothing written either way).
]]
--#include settle-part
--#include batch-keys

local state, bits, parts, items = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local ttl, now, index = ARGV[1], ARGV[2], tonumber(ARGV[3])

if not batch_exists(state, index) then return {0} end
if batch_items_lost(parts, items, index) then return {-1} end

local function take(id)
  if redis.call('hget', items, id) ~= 'pending' then return false end
  redis.call('hdel', items, id)
  return true
end

local function keep(list, id, message)
  redis.call('rpush', list, cjson.encode({index, id, message}))
end

local p, s, e, m = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local counts = {0, 0, 0, 0}
local at = 9
for i = at, at + p - 1 do
  if take(ARGV[i]) then counts[1] = counts[1] + 1 end
end
at = at + p
for i = at, at + s - 1 do
  if take(ARGV[i]) then counts[2] = counts[2] + 1; keep(KEYS[5], ARGV[i]) end
end
at = at + s
for i = at, at + 2 * e - 1, 2 do
  if take(ARGV[i]) then counts[3] = counts[3] + 1; keep(KEYS[6], ARGV[i], ARGV[i + 1]) end
end
at = at + 2 * e
for i = at, at + m - 1 do
  if take(ARGV[i]) then counts[4] = counts[4] + 1; keep(KEYS[7], ARGV[i]) end
end

redis.call('hincrby', state, 'processed', counts[1])
redis.call('hincrby', state, 'skipped', counts[2])
redis.call('hincrby', state, 'errored', counts[3])
redis.call('hincrby', state, 'missing', counts[4])

local remaining = 0
for _, set in ipairs(redis.call('hvals', items)) do
  if set == 'pending' then remaining = remaining + 1 end
end

local settled, last = 0, 0
if ARGV[4] == '1' and remaining == 0 then
  redis.call('del', items)
  settled, last = settle_part(state, bits, parts, now, -1, 'batch-' .. ARGV[3], 'succeeded', '')
  if settled == 1 then redis.call('hincrby', state, 'batchesDone', 1) end
end

refresh_keys(ttl, {KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]})
return {1, counts[1], counts[2], counts[3], counts[4], remaining, settled, last}
