--[[ initiate-stage
Initiates one pending stage, or the group's current stage (src/domain/group-advance.ts
initiate): its pending jobs become queued, awaiting dispatch by this caller only; empty
stages complete at once and the next follows; when none is left the group completes.

KEYS[1] state         hash: the group's fields and each stage's parts record under <n>:
KEYS[2] jobs          hash: <id>:<field> per staged job, op:<op> -> id
KEYS[3] stages        sorted set of stage numbers
KEYS[4] order         sorted set: job id scored by its stage
KEYS[5] undispatched  sorted set: queued job id -> when queued, until dispatch is confirmed
KEYS[6] callbacks     hash: <scope>|<signal> -> JSON array, and its per-name parts
KEYS[7] outbox        hash: <scope>|<signal> -> due entry JSON, expiresAt
KEYS[8] summary       hash: the compact record, kept summaryTtlMs after the details

ARGV[1] clock ('' = server TIME)   ARGV[2] operation id
ARGV[3] the stage number, or '' for the group's current stage
ARGV[4] '1' to seal the group (its producer has finished filling it), else ''
ARGV[5..] stages to store first when missing (pending)

Returns the advance reply (group-advance), or {code}: GROUP_NOT_FOUND, GROUP_COMPLETE,
GROUP_STOPPED, STAGE_NOT_FOUND.
]]
--#include clock
--#include refusals
--#include expiry
--#include signals
--#include parts
--#include outbox
--#include group-unit
--#include group-jobs
--#include group-stage
--#include group-advance

local K = group_keys(KEYS)
local now, op = clock_now(ARGV[1]), ARGV[2]
local g = group_read(K, now)
if not g then return gone_or_repeat(K, op, now) end
if g.init_op == op then return repeated_advance(g, op) end
if group_settled(g) then return {REFUSED.GROUP_COMPLETE} end
if g.stopped then return {REFUSED.GROUP_STOPPED} end
local target = ARGV[3]
local ensure = {}
for i = 5, #ARGV do ensure[#ensure + 1] = ARGV[i] end
if target ~= '' and not stage_read(g, target) then
  if not (contains(ensure, target) and stage_creatable(g, target)) then
    return {REFUSED.STAGE_NOT_FOUND}
  end
end
if ARGV[4] == '1' then group_set(g, 'sealed', 1) end
for _, n in ipairs(ensure) do
  if stage_creatable(g, n) then stage_add(g, n) end
end
g.init_op = op
group_set(g, 'initOp', op)
local fired, queued, complete = {}, {}, false
if target == '' then
  complete = advance(g, now, op, queued, fired)
else
  local r = stage_read(g, target)
  complete = stage_status(g, r) == 'pending' and run_stage(g, r, target, now, op, queued, fired)
    and advance(g, now, op, queued, fired)
end
return advance_answer(g, now, op, fired, queued, complete)
