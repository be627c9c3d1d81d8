--[[ finish-staged-job
Settles a running staged job as successful or failed (the stage's part, through settle-part),
or marks it pending_re_run (its part stays open). The one caller that settles a stage's last
job initiates the next incomplete stage in the same call and alone dispatches its jobs.

KEYS[1] group state   hash: description, createdAt, completedAt, seq, count:<status>
KEYS[2] group stages  sorted set of stage numbers
KEYS[3] group jobs    hash of staged-job fields, <id>:<field>
KEYS[4] undispatched  sorted set of queued job ids awaiting dispatch confirmation
KEYS[5..] four per stage passed (state, bits, parts, list), in the order of ARGV[5..4+n]

ARGV[1] ttl in ms   ARGV[2] now in ms   ARGV[3] keep-completed in ms
ARGV[4] n, the number of stages passed; ARGV[5..4+n] their numbers, ascending
ARGV[5+n] the job id   ARGV[6+n] 'successful' | 'failed' | 'pending_re_run'

Returns the advance reply of group-stages, {-7, status} when the job is not running,
or {code} with -1, -2 or -3.
]]
--#include open-unit
--#include settle-part
--#include group-stages

if group_state() == -1 then return {-1} end
local stages = load_stages()
if not stages then return {-2} end
local n, now = tonumber(ARGV[4]), ARGV[2]
local id, outcome = ARGV[5 + n], ARGV[6 + n]
local status = redis.call('hget', KEYS[3], id .. ':st')
if not status then return {-3} end
if status ~= 'running' then return {-7, status} end
set_job_status(id, outcome)
local queued, done = {}, 0
if outcome ~= 'pending_re_run' then
  local stage = find_stage(stages, redis.call('hget', KEYS[3], id .. ':s'))
  local counter = outcome == 'successful' and 'succeeded' or 'failed'
  local _, last = settle_part(stage.state, stage.bits, stage.parts, now, tonumber(id), id, counter, 'failed')
  if last == 1 then done = advance(stages, now, queued) end
end
return advance_reply(done, now, queued)
