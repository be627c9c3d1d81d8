--[[ create-group
Creates a group with no stages and its policy (src/domain/group-writes.ts createGroup); a
live group is left as it is, an expired one's leftovers are deleted first.

KEYS[1] state         hash: the group's fields and each stage's parts record under <n>:
KEYS[2] jobs          hash: <id>:<field> per staged job, op:<op> -> id
KEYS[3] stages        sorted set of stage numbers
KEYS[4] order         sorted set: job id scored by its stage
KEYS[5] undispatched  sorted set: queued job id -> when queued, until dispatch is confirmed
KEYS[6] callbacks     hash: <scope>|<signal> -> JSON array, and its per-name parts
KEYS[7] outbox        hash: <scope>|<signal> -> due entry JSON, expiresAt
KEYS[8] summary       hash: the compact record, kept summaryTtlMs after the details

ARGV[1] clock ('' = server TIME)   ARGV[2] operation id
ARGV[3] name ('' none, else '=' and the name)   ARGV[4] description
ARGV[5] ttl ms   ARGV[6] keep-completed ms   ARGV[7] summary ttl ms

Returns {1, created (1 when this op created it), then the GROUP_RECORD fields (group-unit), encoded}.
]]
--#include clock
--#include refusals
--#include expiry
--#include group-unit

local FORMAT = 'jobledger group state: the group\'s own fields, and each stage\'s parts record under <n>:'
local K = group_keys(KEYS)
local now, op = clock_now(ARGV[1]), ARGV[2]
local g, leftovers = group_read(K, now)
if g then
  return add_hash_reply({1, g.create_op == op and 1 or 0}, K.state, GROUP_RECORD)
end
if leftovers or redis.call('exists', K.summary, K.outbox) > 0 then
  for _, key in ipairs(KEYS) do redis.call('del', key) end
end
local ttl = tonumber(ARGV[5])
local expires = now + ttl + math.floor(ttl / 2)
-- A value longer than hash-max-listpack-value (64 bytes by default) keeps the state hash in
-- hashtable encoding from the start: a listpack would make every field read a scan of every
-- stage's fields, so writes would cost O(stages).
local fields = {'format', FORMAT, 'description', ARGV[4], 'createdAt', now, 'createOp', op, 'ttlMs', ARGV[5],
  'keepCompletedMs', ARGV[6], 'summaryTtlMs', ARGV[7], 'expiresAt', expires, 'sealed', 0,
  'seq', 0, 'current', '', 'stageCount', 0, 'stopped', 0}
if ARGV[3] ~= '' then
  fields[#fields + 1] = 'name'
  fields[#fields + 1] = string.sub(ARGV[3], 2)
end
for _, status in ipairs(GROUP_STATUSES) do
  fields[#fields + 1] = 'count:' .. status
  fields[#fields + 1] = 0
end
redis.call('hset', K.state, unpack(fields))
redis.call('pexpire', K.state, expires - now)
return add_hash_reply({1, 1}, K.state, GROUP_RECORD)
