--[[ start-staged-job
Moves a queued, running or pending_re_run staged job to running.

KEYS[1] group state   hash: description, createdAt, completedAt, seq, count:<status>
KEYS[2] group stages  sorted set of stage numbers
KEYS[3] group jobs    hash of staged-job fields, <id>:<field>
KEYS[4] undispatched  sorted set of queued job ids awaiting dispatch confirmation
KEYS[5..] four per stage passed (state, bits, parts, list), in the order of ARGV[5..4+n]

ARGV[1] ttl in ms   ARGV[2] now in ms   ARGV[3] keep-completed in ms
ARGV[4] n, the number of stages passed; ARGV[5..4+n] their numbers, ascending
ARGV[5+n] the job id

Returns {1, jobId, then the job's 8 fields (add_job_record of group-stages)}, {-7, status}
when the job cannot run, or {code} with -1, -2 or -3.
]]
--#include open-unit
--#include settle-part
--#include group-stages

if group_state() == -1 then return {-1} end
if stage_list_stale() then return {-2} end
local id = ARGV[5 + tonumber(ARGV[4])]
local status = redis.call('hget', KEYS[3], id .. ':st')
if not status then return {-3} end
if status ~= 'queued' and status ~= 'running' and status ~= 'pending_re_run' then return {-7, status} end
set_job_status(id, 'running')
redis.call('zrem', KEYS[4], id)
refresh()
return add_job_record({1}, id)
