--[[ enqueue-staged-job
Adds a staged job to a stage (creating the stage when missing): pending in a pending stage,
queued (and awaiting dispatch) in a running one. Refused into a complete stage.

KEYS[1] group state   hash: description, createdAt, completedAt, seq, count:<status>
KEYS[2] group stages  sorted set of stage numbers
KEYS[3] group jobs    hash of staged-job fields, <id>:<field>
KEYS[4] undispatched  sorted set of queued job ids awaiting dispatch confirmation
KEYS[5..] four per stage passed (state, bits, parts, list), in the order of ARGV[5..4+n]

ARGV[1] ttl in ms   ARGV[2] now in ms   ARGV[3] keep-completed in ms
ARGV[4] n, the number of stages passed; ARGV[5..4+n] their numbers, ascending
ARGV[5+n] the stage number (passed among the stages too)
ARGV[6+n] job name   ARGV[7+n] args as JSON   ARGV[8+n] delay ms or ''   ARGV[9+n] run-at ms or ''
ARGV[10+n] '1' to refuse (writing nothing) when the stage is running, else ''

Returns {1, dispatchNow, jobId, then the job's 8 fields (add_job_record of group-stages)}, or {code} with -1, -2, -4, -5 or -8 (running, refused).
]]
--#include open-unit
--#include settle-part
--#include group-stages

local state = group_state()
if state ~= 0 then return {state} end
local stages = load_stages()
if not stages then return {-2} end
local n, now = tonumber(ARGV[4]), ARGV[2]
local stage = find_stage(stages, ARGV[5 + n])
if stage.exists then
  local current = stage_status(stage.state)
  if current == 'complete' then return {-5} end
  if current == 'running' and ARGV[10 + n] == '1' then return {-8} end
else
  create_stage(stage, now)
end
local status = stage_status(stage.state)

local index = redis.call('hincrby', KEYS[1], 'seq', 1) - 1
local id = tostring(index)
redis.call('setbit', stage.bits, index * 2, 1)
redis.call('setbit', stage.bits, index * 2 + 1, 1)
redis.call('hincrby', stage.state, 'open', 1)
redis.call('hincrby', stage.state, 'total', 1)
redis.call('rpush', stage.list, id)
redis.call('hset', KEYS[3], id .. ':n', ARGV[6 + n], id .. ':a', ARGV[7 + n], id .. ':s', stage.number,
  id .. ':st', 'pending', id .. ':q', now, id .. ':d', ARGV[8 + n], id .. ':r', ARGV[9 + n])
redis.call('hincrby', KEYS[1], 'count:pending', 1)
local dispatch = 0
if status == 'running' then
  set_job_status(id, 'queued')
  redis.call('zadd', KEYS[4], now, id)
  dispatch = 1
end
refresh()
return add_job_record({1, dispatch}, id)
