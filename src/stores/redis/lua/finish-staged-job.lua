--[[ finish-staged-job
run() ends (src/domain/staged-job-writes.ts finishStagedJob): a running job becomes
successful or failed (settling its stage's part through include parts), or pending_re_run
(its part stays open). The one call that settles a stage's last job initiates what follows
and alone dispatches it. A repeated op answers its first answer.

KEYS[1] state         hash: the group's fields and each stage's parts record under <n>:
KEYS[2] jobs          hash: <id>:<field> per staged job, op:<op> -> id
KEYS[3] stages        sorted set of stage numbers
KEYS[4] order         sorted set: job id scored by its stage
KEYS[5] undispatched  sorted set: queued job id -> when queued, until dispatch is confirmed
KEYS[6] callbacks     hash: <scope>|<signal> -> JSON array, and its per-name parts
KEYS[7] outbox        hash: <scope>|<signal> -> due entry JSON, expiresAt
KEYS[8] summary       hash: the compact record, kept summaryTtlMs after the details

ARGV[1] clock ('' = server TIME)   ARGV[2] operation id
ARGV[3] the job id   ARGV[4] 'successful' | 'failed' | 'pending_re_run'
ARGV[5] the error as JSON ({class, message, stack}), or ''

Returns the advance reply (group-advance), {JOB_NOT_RUNNABLE, status}, or {code}:
GROUP_NOT_FOUND, STAGED_JOB_NOT_FOUND.
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
local id, outcome, err = ARGV[3], ARGV[4], ARGV[5]
local g = group_read(K, now)
if not g then return gone_or_repeat(K, op, now) end
local job = job_read(K, id)
if not job then return {REFUSED.STAGED_JOB_NOT_FOUND} end
if job.last_op == op and job.status == outcome then return repeated_advance(g, op) end
if job.status ~= 'running' then return {REFUSED.JOB_NOT_RUNNABLE, job.status} end
job_set_status(g, job, outcome)
local kept = outcome == 'successful' and '' or err
redis.call('hset', K.jobs, id .. ':st', outcome, id .. ':t1', now, id .. ':o', op, id .. ':e', kept)
local fired, queued, complete = {}, {}, false
if outcome ~= 'pending_re_run' then
  local r = stage_read(g, job.stage)
  local kind = outcome == 'successful' and 'succeeded' or 'failed'
  local _, signals = parts_count_settled(r, kind, now, op)
  if contains(signals, 'settled') then parts_write(r) else stage_flush(g, r) end
  record_fired(g, 'stage:' .. job.stage, signals, now, fired)
  if outcome == 'failed' and not g.has_failure then
    g.has_failure = true
    group_set(g, 'ff:job', id)
    group_set(g, 'ff:stage', job.stage)
    group_set(g, 'ff:name', job.name)
    group_set(g, 'ff:at', now)
    if err ~= '' then group_set(g, 'ff:error', err) end
  end
  complete = contains(signals, 'settled') and advance(g, now, op, queued, fired)
end
return advance_answer(g, now, op, fired, queued, complete)
