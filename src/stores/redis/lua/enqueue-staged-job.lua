--[[ enqueue-staged-job
Adds a staged job (src/domain/group-writes.ts enqueueStagedJob): pending in a pending stage
(created when missing), queued and awaiting dispatch in a running one. A repeated op answers
the job it made. Confirms earlier dispatches of the group in the same write (a repeat too).

KEYS[1] state         hash: the group's fields and each stage's parts record under <n>:
KEYS[2] jobs          hash: <id>:<field> per staged job, op:<op> -> id
KEYS[3] stages        sorted set of stage numbers
KEYS[4] order         sorted set: job id scored by its stage
KEYS[5] undispatched  sorted set: queued job id -> when queued, until dispatch is confirmed
KEYS[6] callbacks     hash: <scope>|<signal> -> JSON array, and its per-name parts
KEYS[7] outbox        hash: <scope>|<signal> -> due entry JSON, expiresAt
KEYS[8] summary       hash: the compact record, kept summaryTtlMs after the details

ARGV[1] clock ('' = server TIME)   ARGV[2] operation id
ARGV[3] stage number   ARGV[4] job name   ARGV[5] args as JSON
ARGV[6] delay ms or ''   ARGV[7] run-at ms or ''
ARGV[8] '1' to refuse (writing nothing) when the stage is running, else ''
ARGV[9..] job ids whose dispatch to confirm

Returns {1, dispatch now (0/1), the job's id and JOB_RECORD fields (group-jobs), encoded}, or
{code}: GROUP_NOT_FOUND, GROUP_COMPLETE, GROUP_STOPPED, STAGE_COMPLETE, STAGE_NEEDS_DISPATCH.
]]
--#include clock
--#include refusals
--#include expiry
--#include signals
--#include parts
--#include group-unit
--#include group-jobs
--#include group-stage

local JOBS_FORMAT = 'jobledger staged jobs: <id>:<field> for each staged job of the group, op:<op> -> id'
local K = group_keys(KEYS)
local now, op = clock_now(ARGV[1]), ARGV[2]
local g = group_read(K, now)
if not g then return {REFUSED.GROUP_NOT_FOUND} end
local made = redis.call('hget', K.jobs, 'op:' .. op)
if made then
  if #ARGV >= 9 then redis.call('zrem', K.undispatched, unpack(ARGV, 9)) end
  local waiting = redis.call('zscore', K.undispatched, made) ~= false
  local dispatch = (waiting and redis.call('hget', K.jobs, made .. ':qo') == op) and 1 or 0
  return add_job_reply({1, dispatch}, K, made)
end
if group_settled(g) then return {REFUSED.GROUP_COMPLETE} end
if g.stopped then return {REFUSED.GROUP_STOPPED} end
local n = ARGV[3]
local r = stage_read(g, n)
if not r and not stage_creatable(g, n) then return {REFUSED.STAGE_COMPLETE} end
local status = r and stage_status(g, r) or 'pending'
if status == 'complete' then return {REFUSED.STAGE_COMPLETE} end
if status == 'running' and ARGV[8] == '1' then return {REFUSED.STAGE_NEEDS_DISPATCH} end
if not r then r = stage_add(g, n) end
local id = tostring(g.seq)
if g.seq == 0 then
  g.fresh[#g.fresh + 1] = K.jobs
  g.fresh[#g.fresh + 1] = K.order
  -- Hashtable encoding from the first job (see the state hash's format field in create-group).
  redis.call('hset', K.jobs, 'format', JOBS_FORMAT)
end
g.seq = g.seq + 1
group_set(g, 'seq', g.seq)
set_counts(g, 'pending', 1)
parts_count_pushed(r, 1)
stage_flush(g, r)
redis.call('zadd', K.order, n, id)
local job = { id = id, values = { n = ARGV[4], a = ARGV[5], s = n, st = 'pending', q = now, at = 0,
  o = op } }
local fields = {id .. ':n', ARGV[4], id .. ':a', ARGV[5], id .. ':s', n, id .. ':q', now,
  id .. ':at', 0, id .. ':o', op, 'op:' .. op, id}
if ARGV[6] ~= '' then
  job.values.d = ARGV[6]
  fields[#fields + 1] = id .. ':d'
  fields[#fields + 1] = ARGV[6]
end
if ARGV[7] ~= '' then
  job.values.r = ARGV[7]
  fields[#fields + 1] = id .. ':r'
  fields[#fields + 1] = ARGV[7]
end
local dispatch = 0
if status == 'running' then
  set_counts(g, 'pending', -1)
  set_counts(g, 'queued', 1)
  job.values.st, dispatch = 'queued', 1
  fields[#fields + 1] = id .. ':qo'
  fields[#fields + 1] = op
  redis.call('zadd', K.undispatched, now, id)
  g.fresh[#g.fresh + 1] = K.undispatched
end
fields[#fields + 1] = id .. ':st'
fields[#fields + 1] = job.values.st
redis.call('hset', K.jobs, unpack(fields))
if #ARGV >= 9 then redis.call('zrem', K.undispatched, unpack(ARGV, 9)) end
group_after_write(g, now)
return job_reply({1, dispatch}, job)
