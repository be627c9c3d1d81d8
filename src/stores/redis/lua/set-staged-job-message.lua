--[[ set-staged-job-message
Sets a staged job's status message (src/domain/staged-job-writes.ts setStagedJobMessage).

KEYS[1] state         hash: the group's fields and each stage's parts record under <n>:
KEYS[2] jobs          hash: <id>:<field> per staged job, op:<op> -> id
KEYS[3] stages        sorted set of stage numbers
KEYS[4] order         sorted set: job id scored by its stage
KEYS[5] undispatched  sorted set: queued job id -> when queued, until dispatch is confirmed
KEYS[6] callbacks     hash: <scope>|<signal> -> JSON array, and its per-name parts
KEYS[7] outbox        hash: <scope>|<signal> -> due entry JSON, expiresAt
KEYS[8] summary       hash: the compact record, kept summaryTtlMs after the details

ARGV[1] clock ('' = server TIME)   ARGV[2] operation id
ARGV[3] the job id   ARGV[4] the message

Returns {1}, or {code}: GROUP_NOT_FOUND, STAGED_JOB_NOT_FOUND.
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
if job.message_op == op then return {1} end
redis.call('hset', K.jobs, id .. ':m', ARGV[4], id .. ':mo', op)
group_after_write(g, now)
return {1}
