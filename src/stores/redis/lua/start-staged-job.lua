--[[ start-staged-job
run() begins (src/domain/staged-job-writes.ts startStagedJob): a queued, running or
pending_re_run job becomes running, its dispatch confirmed, its carrier recorded. A run's start
and finish carry one op: the op repeated answers the job as that run left it, running or
finished by it.

KEYS[1] state         hash: the group's fields and each stage's parts record under <n>:
KEYS[2] jobs          hash: <id>:<field> per staged job, op:<op> -> id
KEYS[3] stages        sorted set of stage numbers
KEYS[4] order         sorted set: job id scored by its stage
KEYS[5] undispatched  sorted set: queued job id -> when queued, until dispatch is confirmed
KEYS[6] callbacks     hash: <scope>|<signal> -> JSON array, and its per-name parts
KEYS[7] outbox        hash: <scope>|<signal> -> due entry JSON, expiresAt
KEYS[8] summary       hash: the compact record, kept summaryTtlMs after the details

ARGV[1] clock ('' = server TIME)   ARGV[2] operation id
ARGV[3] the job id
ARGV[4] '1' when the worker's payload names the job: ARGV[5] its name, ARGV[6] its stage
ARGV[7] the queue item that carried this start, JSON {queue, id} ('' for none)

Returns {1, the job's id and JOB_RECORD fields, encoded}, {JOB_NOT_RUNNABLE, status},
{PAYLOAD_MISMATCH, name, stage}, or {code}: GROUP_NOT_FOUND, STAGED_JOB_NOT_FOUND.
]]
--#include clock
--#include refusals
--#include expiry
--#include group-unit
--#include group-jobs

local K = group_keys(KEYS)
local now, op = clock_now(ARGV[1]), ARGV[2]
local id = ARGV[3]
local g = group_read(K, now)
if not g then return {REFUSED.GROUP_NOT_FOUND} end
local job = job_read(K, id)
if not job then return {REFUSED.STAGED_JOB_NOT_FOUND} end
if ARGV[4] == '1' and (job.name ~= ARGV[5] or job.stage ~= ARGV[6]) then
  return {REFUSED.PAYLOAD_MISMATCH, job.name, job.stage}
end
local by_run = {running = true, successful = true, failed = true, pending_re_run = true}
if job.last_op == op and by_run[job.status] then return job_reply({1}, job) end
if job.status ~= 'queued' and job.status ~= 'running' and job.status ~= 'pending_re_run' then
  return {REFUSED.JOB_NOT_RUNNABLE, job.status}
end
job_set_status(g, job, 'running')
local v = job.values
v.st, v.at, v.t0, v.t1, v.c, v.o = 'running', tonumber(v.at) + 1, now, '', ARGV[7], op
redis.call('hset', K.jobs, id .. ':st', v.st, id .. ':at', v.at, id .. ':t0', now, id .. ':t1', '',
  id .. ':c', v.c, id .. ':o', op)
redis.call('zrem', K.undispatched, id)
if not g.started_at then
  g.started_at = now
  group_set(g, 'startedAt', now)
end
group_after_write(g, now)
return job_reply({1}, job)
