--[[ set-staged-job-message
Sets a staged job's status message.

KEYS[1] group state   hash: description, createdAt, completedAt, seq, count:<status>
KEYS[2] group stages  sorted set of stage numbers
KEYS[3] group jobs    hash of staged-job fields, <id>:<field>
KEYS[4] undispatched  sorted set of queued job ids awaiting dispatch confirmation
KEYS[5..] four per stage passed (state, bits, parts, list), in the order of ARGV[5..4+n]

ARGV[1] ttl in ms   ARGV[2] now in ms   ARGV[3] keep-completed in ms
ARGV[4] n, the number of stages passed; ARGV[5..4+n] their numbers, ascending
ARGV[5+n] the job id   ARGV[6+n] the message

Returns {1}, or {code} with -1, -2 or -3.
]]
--#include open-unit
--#include settle-part
--#include group-stages

if group_state() == -1 then return {-1} end
if stage_list_stale() then return {-2} end
local id = ARGV[5 + tonumber(ARGV[4])]
if not redis.call('hget', KEYS[3], id .. ':st') then return {-3} end
redis.call('hset', KEYS[3], id .. ':m', ARGV[6 + tonumber(ARGV[4])])
refresh()
return {1}
