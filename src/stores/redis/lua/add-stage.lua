--[[ add-stage
Stores a pending stage when missing (src/domain/group-writes.ts addStage); a stage below the
current one is passed, so nothing is stored.

KEYS[1] state         hash: the group's fields and each stage's parts record under <n>:
KEYS[2] jobs          hash: <id>:<field> per staged job, op:<op> -> id
KEYS[3] stages        sorted set of stage numbers
KEYS[4] order         sorted set: job id scored by its stage
KEYS[5] undispatched  sorted set: queued job id -> when queued, until dispatch is confirmed
KEYS[6] callbacks     hash: <scope>|<signal> -> JSON array, and its per-name parts
KEYS[7] outbox        hash: <scope>|<signal> -> due entry JSON, expiresAt
KEYS[8] summary       hash: the compact record, kept summaryTtlMs after the details

ARGV[1] clock ('' = server TIME)   ARGV[2] operation id
ARGV[3] the stage number

Returns {1}, or {code}: GROUP_NOT_FOUND, GROUP_COMPLETE, GROUP_STOPPED.
]]
--#include clock
--#include refusals
--#include expiry
--#include signals
--#include parts
--#include group-unit
--#include group-jobs
--#include group-stage

local K = group_keys(KEYS)
local now, op = clock_now(ARGV[1]), ARGV[2]
local g = group_read(K, now)
if not g then return {REFUSED.GROUP_NOT_FOUND} end
if group_settled(g) then return {REFUSED.GROUP_COMPLETE} end
if g.stopped then return {REFUSED.GROUP_STOPPED} end
if stage_creatable(g, ARGV[3]) then stage_add(g, ARGV[3]) end
group_after_write(g, now)
return {1}
