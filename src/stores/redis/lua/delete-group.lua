--[[ delete-group
Deletes a group with its stages, jobs, summary and outbox (src/domain/group-writes.ts
deleteGroup).

KEYS[1] state         hash: the group's fields and each stage's parts record under <n>:
KEYS[2] jobs          hash: <id>:<field> per staged job, op:<op> -> id
KEYS[3] stages        sorted set of stage numbers
KEYS[4] order         sorted set: job id scored by its stage
KEYS[5] undispatched  sorted set: queued job id -> when queued, until dispatch is confirmed
KEYS[6] callbacks     hash: <scope>|<signal> -> JSON array, and its per-name parts
KEYS[7] outbox        hash: <scope>|<signal> -> due entry JSON, expiresAt
KEYS[8] summary       hash: the compact record, kept summaryTtlMs after the details

ARGV[1] clock ('' = server TIME)   ARGV[2] operation id
(no other arguments)

Returns 1 when any of the group was alive (details, summary or due callbacks), else 0.
]]
--#include clock
--#include refusals
--#include expiry
--#include group-unit

local K = group_keys(KEYS)
local now, op = clock_now(ARGV[1]), ARGV[2]
local existed = group_read(K, now) and 1 or 0
if existed == 0 then
  local expires = redis.call('hget', K.summary, 'summaryExpiresAt')
  if expires and tonumber(expires) > now then existed = 1 end
end
if existed == 0 then
  local expires = redis.call('hget', K.outbox, 'expiresAt')
  if expires and tonumber(expires) > now and redis.call('hlen', K.outbox) > 1 then existed = 1 end
end
for _, key in ipairs(KEYS) do redis.call('del', key) end
return existed
