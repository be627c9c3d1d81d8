--[[ complete-batch
Completes a batch without a tracker: deletes the batch's item hash (whatever sets are left)
and settles its part 'batch-<index>' by the one rule for parts, counting batchesDone once.
Item counters are left as they are: only a tracker counts items.

KEYS[1] state  the job's hash: counters and flags
KEYS[2] bits   dense-part bitmap
KEYS[3] parts  other-parts hash
KEYS[4] items  the batch's hash: item id -> set name

ARGV[1] ttl in ms
ARGV[2] now in ms
ARGV[3] the batch index

Returns {1, settled, lastOfClosedUnit} (settled = 0 when the batch was already settled);
{0} when the batch does not exist, {-1} when its items expired while its part is open
(nothing written either way).
]]
--#include settle-part
--#include batch-keys

local state, bits, parts, items = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local ttl, now, index = ARGV[1], ARGV[2], ARGV[3]

if not batch_exists(state, index) then return {0} end
if batch_items_lost(parts, items, index) then return {-1} end

redis.call('del', items)
local settled, last = settle_part(state, bits, parts, now, -1, 'batch-' .. index, 'succeeded', '')
if settled == 1 then redis.call('hincrby', state, 'batchesDone', 1) end

refresh_keys(ttl, {state, bits, parts})
return {1, settled, last}
