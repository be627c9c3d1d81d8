--[[ delete-group
Deletes a group with its stages and jobs.

KEYS[1] group state   hash: description, createdAt, completedAt, seq, count:<status>
KEYS[2] group stages  sorted set of stage numbers
KEYS[3] group jobs    hash of staged-job fields, <id>:<field>
KEYS[4] undispatched  sorted set of queued job ids awaiting dispatch confirmation
KEYS[5..] four per stage passed (state, bits, parts, list), in the order of ARGV[5..4+n]

ARGV[1] ttl in ms   ARGV[2] now in ms   ARGV[3] keep-completed in ms
ARGV[4] n, the number of stages passed; ARGV[5..4+n] their numbers, ascending

Returns 1 when the group existed, else 0; -2 when the stage list is stale (nothing deleted).
]]
--#include open-unit
--#include settle-part
--#include group-stages

if not load_stages() then return -2 end
local existed = redis.call('exists', KEYS[1])
for _, key in ipairs(KEYS) do redis.call('del', key) end
return existed
