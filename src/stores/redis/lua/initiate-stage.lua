--[[ initiate-stage
Initiates one pending stage, or the group's first incomplete stage: its pending jobs become
queued (awaiting dispatch by this caller only). Empty stages complete at once and the next
incomplete stage follows; when none is left the group completes.

KEYS[1] group state   hash: description, createdAt, completedAt, seq, count:<status>, sealed
KEYS[2] group stages  sorted set of stage numbers
KEYS[3] group jobs    hash of staged-job fields, <id>:<field>
KEYS[4] undispatched  sorted set of queued job ids awaiting dispatch confirmation
KEYS[5..] four per stage passed (state, bits, parts, list), in the order of ARGV[5..4+n]

ARGV[1] ttl in ms   ARGV[2] now in ms   ARGV[3] keep-completed in ms
ARGV[4] n, the number of stages passed; ARGV[5..4+n] their numbers, ascending
ARGV[5+n] the stage number, or '' for the group's first incomplete stage
ARGV[6+n] '1' to seal the group (its producer has finished filling it), else ''

Returns the advance reply of group-stages, or {code} with -1, -2, -4 or -6.
]]
--#include open-unit
--#include settle-part
--#include group-stages

local state = group_state()
if state ~= 0 then return {state} end
local stages = load_stages()
if not stages then return {-2} end
local target, now, queued, done = ARGV[5 + tonumber(ARGV[4])], ARGV[2], {}, 0
local stage = target ~= '' and find_stage(stages, target) or nil
if target ~= '' and (not stage or not stage.exists) then return {-6} end
if ARGV[6 + tonumber(ARGV[4])] == '1' then redis.call('hset', KEYS[1], 'sealed', 1) end
if target == '' then
  done = advance(stages, now, queued)
else
  if stage_status(stage.state) == 'pending' and run_stage(stage, now, queued) == 1 then
    done = advance(stages, now, queued)
  end
end
return advance_reply(done, now, queued)
