--[[ add-stage
Creates a pending stage in an open group when it does not exist yet.

KEYS[1] group state   hash: description, createdAt, completedAt, seq, count:<status>
KEYS[2] group stages  sorted set of stage numbers
KEYS[3] group jobs    hash of staged-job fields, <id>:<field>
KEYS[4] undispatched  sorted set of queued job ids awaiting dispatch confirmation
KEYS[5..] four per stage passed (state, bits, parts, list), in the order of ARGV[5..4+n]

ARGV[1] ttl in ms   ARGV[2] now in ms   ARGV[3] keep-completed in ms
ARGV[4] n, the number of stages passed; ARGV[5..4+n] their numbers, ascending
ARGV[5+n] the stage number (passed among the stages too)

Returns {1}, or {code} with -1, -2 or -4 (see group-stages).
]]
--#include open-unit
--#include settle-part
--#include group-stages

local state = group_state()
if state ~= 0 then return {state} end
local stages = load_stages()
if not stages then return {-2} end
local stage = find_stage(stages, ARGV[5 + tonumber(ARGV[4])])
if not stage.exists then create_stage(stage, ARGV[2]) end
refresh()
return {1}
