--[[ confirm-dispatch
Records that queued jobs were handed to the queue, so cleanupOrphans leaves them alone
(src/domain/group-writes.ts confirmDispatch); nothing when the group is gone. A confirmation
keeps no group alive: it changes the undispatched set only.

KEYS[1] state         hash: the group's fields and each stage's parts record under <n>:
KEYS[2] jobs          hash: <id>:<field> per staged job, op:<op> -> id
KEYS[3] stages        sorted set of stage numbers
KEYS[4] order         sorted set: job id scored by its stage
KEYS[5] undispatched  sorted set: queued job id -> when queued, until dispatch is confirmed
KEYS[6] callbacks     hash: <scope>|<signal> -> JSON array, and its per-name parts
KEYS[7] outbox        hash: <scope>|<signal> -> due entry JSON, expiresAt
KEYS[8] summary       hash: the compact record, kept summaryTtlMs after the details

ARGV[1] clock ('' = server TIME)   ARGV[2] operation id
ARGV[3..] job ids

Returns {1}.
]]
--#include clock
--#include refusals
--#include expiry
--#include group-unit
--#include group-jobs

local K = group_keys(KEYS)
local now, op = clock_now(ARGV[1]), ARGV[2]
local g = group_read(K, now)
if not g then return {1} end
for i = 3, #ARGV do redis.call('zrem', K.undispatched, ARGV[i]) end
return {1}
