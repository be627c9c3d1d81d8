--[[ confirm-dispatch
Records that queued jobs were handed to the queue, so cleanupOrphans leaves them alone.

KEYS[1] group state   hash: description, createdAt, completedAt, seq, count:<status>
KEYS[2] group stages  sorted set of stage numbers
KEYS[3] group jobs    hash of staged-job fields, <id>:<field>
KEYS[4] undispatched  sorted set of queued job ids awaiting dispatch confirmation
KEYS[5..] four per stage passed (state, bits, parts, list), in the order of ARGV[5..4+n]

ARGV[1] ttl in ms   ARGV[2] now in ms   ARGV[3] keep-completed in ms
ARGV[4] n, the number of stages passed; ARGV[5..4+n] their numbers, ascending
ARGV[5+n..] job ids

Returns {1}, or {-1} when the group is gone, or {-2}.
]]
--#include open-unit
--#include settle-part
--#include group-stages

if group_state() == -1 then return {-1} end
if stage_list_stale() then return {-2} end
for i = 5 + tonumber(ARGV[4]), #ARGV do redis.call('zrem', KEYS[4], ARGV[i]) end
refresh()
return {1}
