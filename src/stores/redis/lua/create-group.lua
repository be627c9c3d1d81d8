--[[ create-group
Creates a group with no stages (an existing group is left as it is).

KEYS[1] group state   hash: description, createdAt, completedAt, seq, count:<status>
KEYS[2] group stages  sorted set of stage numbers
KEYS[3] group jobs    hash of staged-job fields, <id>:<field>
KEYS[4] undispatched  sorted set of queued job ids awaiting dispatch confirmation
KEYS[5..] four per stage passed (state, bits, parts, list), in the order of ARGV[5..4+n]

ARGV[1] ttl in ms   ARGV[2] now in ms   ARGV[3] keep-completed in ms
ARGV[4] n, the number of stages passed; ARGV[5..4+n] their numbers, ascending
ARGV[5+n] description

Returns {created, createdAt}.
]]
--#include open-unit
--#include settle-part
--#include group-stages

if redis.call('exists', KEYS[1]) == 1 then
  return {0, tonumber(redis.call('hget', KEYS[1], 'createdAt'))}
end
redis.call('hset', KEYS[1], 'description', ARGV[5 + tonumber(ARGV[4])], 'createdAt', ARGV[2],
  'completedAt', '', 'seq', 0)
for _, status in ipairs(GROUP_STATUSES) do redis.call('hset', KEYS[1], 'count:' .. status, 0) end
refresh()
return {1, tonumber(ARGV[2])}
